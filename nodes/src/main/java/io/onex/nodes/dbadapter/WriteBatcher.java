package io.onex.nodes.dbadapter;

import io.onex.api.NonRetryableException;
import io.onex.api.batch.CallBatcher;
import io.onex.runtime.deadletter.SecretRedactor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's {@link CallBatcher}: writes are collected into batches of {@code batchSize} or {@code linger} and
 * handed to the {@link BatchWriter} on one writer thread. Each write's future completes when its batch's
 * transaction has committed, exceptionally with a {@link NonRetryableException} for a write the database refuses,
 * or with a {@link DatabaseUnavailableException} (redacted, naming the database) for every write of a batch the
 * database did not take.
 *
 * <p>One writer keeps the events' order across batches and never has two transactions of this node wait on each
 * other's rows.
 */
final class WriteBatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBatcher.class);

    private final CallBatcher<BridgeWrite> batcher;
    private final String nodeId;

    WriteBatcher(BatchWriter writer, int batchSize, Duration linger, ScheduledExecutorService scheduler,
            Supplier<String> where, String nodeId) {
        this.nodeId = nodeId;
        this.batcher = CallBatcher.builder(writer::write)
                .name("db-writer-" + nodeId)
                .maxSize(batchSize)
                .linger(linger)
                .scheduler(scheduler)
                .batchFailure((size, e) -> {
                    String reason = SecretRedactor.redactAndTruncate(e.getClass().getSimpleName() + ": "
                            + e.getMessage(), 300);
                    LOG.warn("database adapter {}: batch of {} event(s) not written to {}, nothing committed: {}",
                            nodeId, size, where.get(), reason);
                    return new DatabaseUnavailableException("database " + where.get() + " did not take a batch of "
                            + size + " event(s): " + reason, e);
                })
                .build();
    }

    /** Adds a write to the current batch; completes when it is committed. */
    CompletableFuture<Void> add(BridgeWrite write) {
        return batcher.add(write);
    }

    /** Writes what is pending, then stops the writer thread (waiting up to {@code timeout}). Idempotent. */
    void close(Duration timeout) throws InterruptedException {
        if (!batcher.close(timeout)) {
            LOG.warn("database adapter {}: writer did not finish within {} ms", nodeId, timeout.toMillis());
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }
}
