package io.onex.nodes.dbadapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.name.Named;
import io.onex.api.EffectNode;
import io.onex.api.EventEnvelope;
import io.onex.api.NodeContext;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.config.RuntimeConfig;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists every bridge event it consumes (orchestrator, reducer, introspection and heartbeat topics) to
 * PostgreSQL, or to the embedded SQLite database when none is configured; see {@link BridgeEventMapper} for which
 * event goes where.
 *
 * <p>Each consumed record is added to the current batch; its call completes when the batch's transaction has
 * committed, so the consumer commits its offset only then. Batches hold up to the contract's
 * {@code consumer.batch_size} records and wait at most {@code consumer.batch_linger}. An event that cannot be
 * decoded or that the database refuses fails alone with a {@code NonRetryableException} (dead-lettered by the
 * pipeline); a batch the database did not take fails every event of it with a {@link DatabaseUnavailableException}:
 * the breaker opens, the consumer pauses and the events come again.
 *
 * <p>Row counts for a demo: {@code runtime.node("bridge_database_adapter", NodeBridgeDatabaseAdapterEffect.class)
 * .database().rowCounts()}.
 */
public final class NodeBridgeDatabaseAdapterEffect implements EffectNode<EventEnvelope, PersistedEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeBridgeDatabaseAdapterEffect.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final NodeContract contract;
    private final String nodeId;
    private final DatabaseAdapterConfig config;
    private final BridgeEventMapper mapper;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private volatile AdapterDatabase database;
    private volatile WriteBatcher batcher;

    @Inject
    NodeBridgeDatabaseAdapterEffect(NodeContract contract, @Named("nodeId") String nodeId, RuntimeConfig runtime,
            ObjectMapper objectMapper, Clock clock, ScheduledExecutorService scheduler) {
        this.contract = contract;
        this.nodeId = nodeId;
        this.config = DatabaseAdapterConfig.from(contract, runtime, nodeId);
        this.mapper = new BridgeEventMapper(objectMapper);
        this.clock = clock;
        this.scheduler = scheduler;
    }

    @Override
    public Class<EventEnvelope> inputType() {
        return EventEnvelope.class;
    }

    /** Opens the pool and migrates the schema; fails start-up when the database cannot be reached. */
    @Override
    public synchronized void start(NodeContext context) {
        AdapterDatabase db = AdapterDatabase.open(config.database());
        BatchWriter writer = new BatchWriter(db.dataSource(), db.dialect(), clock);
        batcher = new WriteBatcher(writer, config.batchSize(), config.batchLinger(), scheduler, db::describe, nodeId);
        database = db;
        LOG.info("node {} ({}) ready: writing to {}, batches of up to {} events or {} ms", contract.name(), nodeId,
                db.describe(), config.batchSize(), config.batchLinger().toMillis());
    }

    @Override
    public CompletionStage<PersistedEvent> executeEffect(EventEnvelope event, NodeContext context) {
        WriteBatcher b = batcher;
        if (b == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("database adapter " + nodeId
                    + " is not started"));
        }
        BridgeWrite write;
        try {
            write = mapper.map(context.triggerTopic().orElse(null), event);
        } catch (RuntimeException bad) {
            return CompletableFuture.failedFuture(bad);
        }
        return b.add(write).thenApply(v -> new PersistedEvent(write.eventId(), write.operation()));
    }

    private void deleteEmbeddedFiles() {
        java.nio.file.Path file = config.database().embeddedFile();
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(file + suffix));
            } catch (java.io.IOException e) {
                LOG.warn("node {} ({}): could not delete the embedded database file {}: {}", contract.name(), nodeId,
                        file + suffix, e.toString());
            }
        }
    }

    /** The database written to (row counts, the data source); null before {@link #start}. */
    public AdapterDatabase database() {
        return database;
    }

    /** Writes what is batched, then closes the pool. */
    @Override
    public synchronized void stop() throws InterruptedException {
        // the embedded database in a temp file is the demo's: it ends with the node (embedded_file keeps one)
        if (batcher != null) {
            batcher.close(STOP_TIMEOUT);
        }
        if (database != null) {
            database.close();
            if (config.temporaryEmbeddedFile()) {
                deleteEmbeddedFiles();
            }
        }
    }
}
