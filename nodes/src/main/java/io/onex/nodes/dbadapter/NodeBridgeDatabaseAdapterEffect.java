package io.onex.nodes.dbadapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.name.Named;
import io.onex.api.EventEnvelope;
import io.onex.api.NodeContext;
import io.onex.api.batch.BatchEffectNode;
import io.onex.api.batch.BatchItem;
import io.onex.api.batch.BatchOutcome;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.config.RuntimeConfig;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists every bridge event it consumes (orchestrator, reducer, introspection and heartbeat topics) to
 * PostgreSQL, or to the embedded SQLite database when none is configured; see {@link BridgeEventMapper} for which
 * event goes where.
 *
 * <p>A {@link BatchEffectNode}: the runtime hands it the records of a poll in batches of up to the contract's
 * {@code consumer.batch_size}, and each batch is written in one transaction (JDBC batches, on one writer thread, in
 * the order the batches come); a record is done, and its offset committed, only once its batch's transaction has
 * committed. An event that cannot be mapped or that the database refuses fails alone with a
 * {@code NonRetryableException} and is dead-lettered alone by the pipeline, the others of its batch commit; a batch
 * the database did not take fails as a whole with a {@link DatabaseUnavailableException}: retried as a batch, one
 * failure for the breaker, which opens; the consumer pauses and the events come again. A single call
 * ({@link #executeEffect}) is a batch of one.
 *
 * <p>Row counts for a demo: {@code runtime.node("bridge_database_adapter", NodeBridgeDatabaseAdapterEffect.class)
 * .database().rowCounts()}.
 */
public final class NodeBridgeDatabaseAdapterEffect implements BatchEffectNode<EventEnvelope, PersistedEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeBridgeDatabaseAdapterEffect.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final NodeContract contract;
    private final String nodeId;
    private final DatabaseAdapterConfig config;
    private final BridgeEventMapper mapper;
    private final Clock clock;
    private volatile AdapterDatabase database;
    private volatile SerialBatchWriter writer;

    @Inject
    NodeBridgeDatabaseAdapterEffect(NodeContract contract, @Named("nodeId") String nodeId, RuntimeConfig runtime,
            ObjectMapper objectMapper, Clock clock) {
        this.contract = contract;
        this.nodeId = nodeId;
        this.config = DatabaseAdapterConfig.from(contract, runtime, nodeId);
        this.mapper = new BridgeEventMapper(objectMapper);
        this.clock = clock;
    }

    @Override
    public Class<EventEnvelope> inputType() {
        return EventEnvelope.class;
    }

    /** Opens the pool and migrates the schema; fails start-up when the database cannot be reached. */
    @Override
    public synchronized void start(NodeContext context) {
        AdapterDatabase db = AdapterDatabase.open(config.database());
        writer = new SerialBatchWriter(new BatchWriter(db.dataSource(), db.dialect(), clock), db::describe, nodeId);
        database = db;
        LOG.info("node {} ({}) ready: writing to {}, batches of up to {} events", contract.name(), nodeId,
                db.describe(), config.batchSize());
    }

    /** Writes the batch in one transaction; an event that cannot be mapped fails alone, before the write. */
    @Override
    public CompletionStage<BatchOutcome> executeBatch(List<BatchItem<EventEnvelope>> items, NodeContext context) {
        SerialBatchWriter w = writer;
        if (w == null) {
            return CompletableFuture.failedFuture(notStarted());
        }
        List<Throwable> unmapped = new ArrayList<>(Collections.nCopies(items.size(), null));
        List<BridgeWrite> writes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            BatchItem<EventEnvelope> item = items.get(i);
            try {
                writes.add(mapper.map(item.topic(), item.input()));
            } catch (RuntimeException bad) {
                unmapped.set(i, bad);
            }
        }
        if (writes.isEmpty()) {
            return CompletableFuture.completedFuture(BatchOutcome.of(unmapped));
        }
        return w.write(writes).thenApply(written -> {
            if (writes.size() == items.size()) {
                return written;
            }
            List<Throwable> all = new ArrayList<>(unmapped);
            int next = 0;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i) == null) {
                    all.set(i, written.failure(next++));
                }
            }
            return BatchOutcome.of(all);
        });
    }

    /** A batch of one. */
    @Override
    public CompletionStage<PersistedEvent> executeEffect(EventEnvelope event, NodeContext context) {
        SerialBatchWriter w = writer;
        if (w == null) {
            return CompletableFuture.failedFuture(notStarted());
        }
        BridgeWrite write;
        try {
            write = mapper.map(context.triggerTopic().orElse(null), event);
        } catch (RuntimeException bad) {
            return CompletableFuture.failedFuture(bad);
        }
        return w.write(List.of(write)).thenApply(outcome -> {
            if (outcome.failed() > 0) {
                throw new CompletionException(outcome.failure(0));
            }
            return new PersistedEvent(write.eventId(), write.operation());
        });
    }

    private IllegalStateException notStarted() {
        return new IllegalStateException("database adapter " + nodeId + " is not started");
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

    /** Writes the batches handed in, then closes the pool. */
    @Override
    public synchronized void stop() throws InterruptedException {
        // the embedded database in a temp file is the demo's: it ends with the node (embedded_file keeps one)
        if (writer != null) {
            writer.close(STOP_TIMEOUT);
        }
        if (database != null) {
            database.close();
            if (config.temporaryEmbeddedFile()) {
                deleteEmbeddedFiles();
            }
        }
    }
}
