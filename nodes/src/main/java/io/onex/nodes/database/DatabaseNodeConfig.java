package io.onex.nodes.database;

import io.onex.api.contract.ConsumerSpec;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.contract.NodeConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The settings every node that persists events in batches reads the same way: the database URL, user and password from
 * the runtime's configuration ({@code ONEX_DATABASE_URL}, {@code ONEX_DATABASE_USER}, {@code ONEX_DATABASE_PASSWORD});
 * pool size, connection timeout, schema and embedded file from the contract's {@code config:}; batch size and linger
 * from its {@code consumer:}. Unknown config keys are rejected; every problem is reported together.
 *
 * @param database where to write
 * @param batchSize writes per transaction
 * @param batchLinger longest wait for a batch to fill
 * @param temporaryEmbeddedFile whether the embedded database lives in a temp file of this node's own (no
 *     {@code embedded_file} set), to be deleted when the node stops
 */
public record DatabaseNodeConfig(DatabaseSettings database, int batchSize, Duration batchLinger,
        boolean temporaryEmbeddedFile) {

    /** The {@code config:} keys read. */
    public static final Set<String> KEYS = Set.of("pool_size", "connection_timeout", "schema", "embedded_file");

    /**
     * Reads the settings of one node.
     *
     * @param contract the node's contract
     * @param runtime the runtime's configuration
     * @param embeddedFilePrefix start of the temp file's name when no {@code embedded_file} is set, e.g.
     *     {@code onex-bridge-}; the node id follows
     * @param nodeId the node instance id
     * @throws IllegalArgumentException naming the contract file and every bad key
     */
    public static DatabaseNodeConfig from(NodeContract contract, RuntimeConfig runtime, String embeddedFilePrefix,
            String nodeId) {
        NodeConfigReader config = NodeConfigReader.of(contract, KEYS);
        int poolSize = config.integer("pool_size", 2, 1, 64);
        Duration timeout = config.duration("connection_timeout", Duration.ofSeconds(5));
        String schema = config.text("schema", "");
        if (!schema.isEmpty() && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            config.problem("config.schema: expected [a-z_][a-z0-9_]{0,62}, but was '" + schema + "'");
        }
        String file = config.text("embedded_file", "");
        Path embedded = file.isEmpty()
                ? Path.of(System.getProperty("java.io.tmpdir"), embeddedFilePrefix + nodeId + ".db") : Path.of(file);
        Optional<String> url = runtime.databaseUrl();
        if (url.isPresent() && !url.get().startsWith("jdbc:postgresql:") && !url.get().startsWith("jdbc:sqlite:")) {
            config.problem("ONEX_DATABASE_URL: expected jdbc:postgresql:... or jdbc:sqlite:..., but was '"
                    + url.get().replaceAll("^(jdbc:[A-Za-z0-9]+:).*", "$1") + "...'");
        }
        config.check();
        ConsumerSpec consumer = contract.consumer().orElse(null);
        int batchSize = consumer == null ? 500 : consumer.batchSize();
        Duration linger = consumer == null ? Duration.ofSeconds(1) : consumer.batchLinger();
        DatabaseSettings settings = new DatabaseSettings(url, runtime.databaseUser(), runtime.databasePassword(),
                Optional.of(schema), poolSize, timeout, embedded);
        return new DatabaseNodeConfig(settings, batchSize, linger, url.isEmpty() && file.isEmpty());
    }

    /** Deletes the embedded database's file and its WAL companions; returns the files it could not delete. */
    public java.util.List<String> deleteEmbeddedFiles() {
        java.util.List<String> failed = new java.util.ArrayList<>();
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path p = Path.of(database.embeddedFile() + suffix);
            try {
                java.nio.file.Files.deleteIfExists(p);
            } catch (java.io.IOException e) {
                failed.add(p + " (" + e + ")");
            }
        }
        return failed;
    }
}
