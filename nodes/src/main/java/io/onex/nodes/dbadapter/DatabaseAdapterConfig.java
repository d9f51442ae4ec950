package io.onex.nodes.dbadapter;

import io.onex.api.contract.NodeContract;
import io.onex.nodes.database.DatabaseNodeConfig;
import io.onex.nodes.database.DatabaseSettings;
import io.onex.runtime.config.RuntimeConfig;
import java.util.Set;

/**
 * The adapter's settings, read as every persisting node reads them ({@link DatabaseNodeConfig}); without
 * {@code embedded_file} the embedded database is {@code onex-bridge-<node id>.db} in the temp folder.
 *
 * @param database where to write
 * @param batchSize the most writes per transaction (the runtime hands the adapter batches of up to this many)
 * @param temporaryEmbeddedFile whether the embedded database lives in a temp file of this node's own (no
 *     {@code embedded_file} set), deleted when the node stops
 */
record DatabaseAdapterConfig(DatabaseSettings database, int batchSize, boolean temporaryEmbeddedFile) {

    static final Set<String> KEYS = DatabaseNodeConfig.KEYS;

    static DatabaseAdapterConfig from(NodeContract contract, RuntimeConfig runtime, String nodeId) {
        DatabaseNodeConfig c = DatabaseNodeConfig.from(contract, runtime, "onex-bridge-", nodeId);
        return new DatabaseAdapterConfig(c.database(), c.batchSize(), c.temporaryEmbeddedFile());
    }
}
