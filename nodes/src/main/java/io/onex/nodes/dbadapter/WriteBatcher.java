package io.onex.nodes.dbadapter;

import io.onex.api.NonRetryableException;
import io.onex.runtime.deadletter.SecretRedactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects writes into batches and hands each to the {@link BatchWriter} on one writer thread: a batch is written
 * when it holds {@code batchSize} writes or when {@code linger} has passed since its first one (timed on the
 * injected scheduler). Each write's future completes when its batch's transaction has committed, exceptionally
 * with a {@link NonRetryableException} for a write the database refuses, or with a
 * {@link DatabaseUnavailableException} for every write of a batch the database did not take.
 *
 * <p>One writer keeps the events' order across batches and never has two transactions of this node wait on each
 * other's rows.
 */
final class WriteBatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBatcher.class);

    private record Pending(BridgeWrite write, CompletableFuture<Void> done) {
    }

    private final BatchWriter writer;
    private final int batchSize;
    private final Duration linger;
    private final ScheduledExecutorService scheduler;
    private final Supplier<String> where;
    private final String nodeId;
    private final ExecutorService writerThread;
    private List<Pending> current = new ArrayList<>();
    private ScheduledFuture<?> lingerTimer;
    private boolean closed;

    WriteBatcher(BatchWriter writer, int batchSize, Duration linger, ScheduledExecutorService scheduler,
            Supplier<String> where, String nodeId) {
        this.writer = writer;
        this.batchSize = batchSize;
        this.linger = linger;
        this.scheduler = scheduler;
        this.where = where;
        this.nodeId = nodeId;
        this.writerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "onex-db-writer-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds a write to the current batch; completes when it is committed. */
    CompletableFuture<Void> add(BridgeWrite write) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) { // submitting under the lock keeps batches in the order they were filled
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("database adapter " + nodeId
                        + " is stopped"));
            }
            current.add(new Pending(write, done));
            if (current.size() >= batchSize) {
                submit(takeCurrent());
            } else if (current.size() == 1) {
                List<Pending> batch = current;
                lingerTimer = scheduler.schedule(() -> flushIfCurrent(batch), linger.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        return done;
    }

    private synchronized void flushIfCurrent(List<Pending> batch) {
        if (current == batch && !batch.isEmpty()) {
            submit(takeCurrent());
        }
    }

    /** Caller holds the lock. */
    private List<Pending> takeCurrent() {
        List<Pending> batch = current;
        current = new ArrayList<>(batchSize);
        if (lingerTimer != null) {
            lingerTimer.cancel(false);
            lingerTimer = null;
        }
        return batch;
    }

    private void submit(List<Pending> batch) {
        try {
            writerThread.execute(() -> write(batch));
        } catch (RuntimeException rejected) {
            batch.forEach(p -> p.done().completeExceptionally(rejected));
        }
    }

    private void write(List<Pending> batch) {
        List<BridgeWrite> writes = new ArrayList<>(batch.size());
        batch.forEach(p -> writes.add(p.write()));
        List<NonRetryableException> outcomes;
        try {
            outcomes = writer.write(writes);
        } catch (Throwable e) { // whatever happens, no call of the batch may be left waiting forever
            String reason = SecretRedactor.redactAndTruncate(e.getClass().getSimpleName() + ": " + e.getMessage(), 300);
            LOG.warn("database adapter {}: batch of {} event(s) not written to {}, nothing committed: {}", nodeId,
                    batch.size(), where.get(), reason);
            DatabaseUnavailableException failure = new DatabaseUnavailableException("database " + where.get()
                    + " did not take a batch of " + batch.size() + " event(s): " + reason, e);
            batch.forEach(p -> p.done().completeExceptionally(failure));
            if (e instanceof Error error && !(e instanceof LinkageError)) {
                throw error;
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            NonRetryableException refused = outcomes.get(i);
            if (refused == null) {
                batch.get(i).done().complete(null);
            } else {
                batch.get(i).done().completeExceptionally(refused);
            }
        }
    }

    /** Writes what is pending, then stops the writer thread (waiting up to {@code timeout}). Idempotent. */
    void close(Duration timeout) throws InterruptedException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            List<Pending> rest = takeCurrent();
            if (!rest.isEmpty()) {
                submit(rest);
            }
        }
        writerThread.shutdown();
        if (!writerThread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("database adapter {}: writer did not finish within {} ms", nodeId, timeout.toMillis());
            writerThread.shutdownNow();
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }
}
