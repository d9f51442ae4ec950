package io.onex.nodes.dbadapter;

import io.onex.api.batch.BatchOutcome;
import io.onex.runtime.deadletter.SecretRedactor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the adapter's batches to the {@link BatchWriter} one at a time, on one writer thread, in the order they
 * come: one transaction per batch. A batch's future completes when its transaction has committed, with a
 * {@link io.onex.api.NonRetryableException} for each write the database refuses; or exceptionally with a
 * {@link DatabaseUnavailableException} (redacted, naming the database) when the database did not take the batch.
 *
 * <p>One writer keeps the events' order across batches and never has two transactions of this node wait on each
 * other's rows; the consumer thread meanwhile decodes the next batch.
 */
final class SerialBatchWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SerialBatchWriter.class);

    private final BatchWriter writer;
    private final Supplier<String> where;
    private final String nodeId;
    private final ExecutorService thread;

    SerialBatchWriter(BatchWriter writer, Supplier<String> where, String nodeId) {
        this.writer = writer;
        this.where = where;
        this.nodeId = nodeId;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "onex-db-writer-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Writes a batch in one transaction, after the batches handed in before it.
     *
     * @param writes the batch, in arrival order, not empty
     * @return one outcome per write; exceptionally when the batch as a whole was not written (nothing committed), or
     *     with {@link IllegalStateException} once closed
     */
    CompletableFuture<BatchOutcome> write(List<BridgeWrite> writes) {
        CompletableFuture<BatchOutcome> done = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    done.complete(BatchOutcome.of(writer.write(writes)));
                } catch (Exception e) {
                    done.completeExceptionally(unavailable(writes.size(), e));
                } catch (Throwable e) { // no batch may be left waiting forever
                    done.completeExceptionally(e);
                    throw e;
                }
            });
        } catch (RejectedExecutionException closed) {
            done.completeExceptionally(new IllegalStateException("database adapter " + nodeId + " is stopped"));
        }
        return done;
    }

    private DatabaseUnavailableException unavailable(int size, Exception e) {
        String reason = SecretRedactor.redactAndTruncate(e.getClass().getSimpleName() + ": " + e.getMessage(), 300);
        LOG.warn("database adapter {}: batch of {} event(s) not written to {}, nothing committed: {}", nodeId, size,
                where.get(), reason);
        return new DatabaseUnavailableException("database " + where.get() + " did not take a batch of " + size
                + " event(s): " + reason, e);
    }

    /** Writes the batches handed in, then stops the writer thread (waiting up to {@code timeout}). Idempotent. */
    void close(Duration timeout) throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            thread.shutdownNow();
            LOG.warn("database adapter {}: writer did not finish within {} ms", nodeId, timeout.toMillis());
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }
}
