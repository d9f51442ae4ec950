package io.onex.api.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Collects the items of many calls into batches for a node that writes in bulk, and completes each call when its
 * batch is written: a consumed record's call then completes only after the write, so the runtime commits its
 * offset only then. A batch is handed to the {@link BatchHandler} when it holds {@code maxSize} items or when
 * {@code linger} has passed since its first one (timed on the given scheduler, the node's injected one), on one
 * thread of its own: batches are handled one at a time, in the order they were filled.
 *
 * <pre>{@code
 * CallBatcher<Row> rows = CallBatcher.builder((List<Row> batch) -> store.insertAll(batch))
 *         .name("orders-sink").maxSize(500).linger(Duration.ofSeconds(1)).scheduler(scheduler).build();
 *
 * public CompletionStage<Void> executeEffect(Row row, NodeContext ctx) {
 *     return rows.add(row);   // completes when the batch holding it is written
 * }
 * }</pre>
 *
 * <p>A call fails with what the handler reported for its item, or, when the handler threw, with what
 * {@link Builder#batchFailure} makes of that (default: the exception itself), so the node's contract decides what is
 * retried and what is dead-lettered. Thread-safe.
 *
 * @param <T> what is batched
 */
public final class CallBatcher<T> implements AutoCloseable {

    private record Pending<T>(T item, CompletableFuture<Void> done) {
    }

    private final BatchHandler<T> handler;
    private final String name;
    private final int maxSize;
    private final Duration linger;
    private final ScheduledExecutorService scheduler;
    private final BiFunction<Integer, Throwable, Throwable> batchFailure;
    private final ExecutorService handlerThread;
    private List<Pending<T>> current;
    private ScheduledFuture<?> lingerTimer;
    private boolean closed;

    private CallBatcher(Builder<T> b) {
        this.handler = b.handler;
        this.name = b.name;
        this.maxSize = b.maxSize;
        this.linger = b.linger;
        this.scheduler = b.scheduler;
        this.batchFailure = b.batchFailure;
        this.current = new ArrayList<>(maxSize);
        this.handlerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "onex-batch-" + b.name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a builder.
     *
     * @param handler writes each batch
     * @param <T> what is batched
     * @return the builder
     */
    public static <T> Builder<T> builder(BatchHandler<T> handler) {
        return new Builder<>(Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Adds an item to the current batch.
     *
     * @param item the item
     * @return completes when the batch holding the item is written; fails with the item's own failure, with the
     *         batch's, or with {@link IllegalStateException} once the batcher is closed
     */
    public CompletableFuture<Void> add(T item) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) { // handing over under the lock keeps batches in the order they were filled
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("batcher " + name + " is closed"));
            }
            current.add(new Pending<>(item, done));
            if (current.size() >= maxSize) {
                handOver(takeCurrent());
            } else if (current.size() == 1) {
                List<Pending<T>> batch = current;
                lingerTimer = scheduler.schedule(() -> flushIfCurrent(batch), linger.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        return done;
    }

    /** Items added and not yet handed to the handler. */
    public synchronized int pending() {
        return current.size();
    }

    private synchronized void flushIfCurrent(List<Pending<T>> batch) {
        if (current == batch && !batch.isEmpty()) {
            handOver(takeCurrent());
        }
    }

    /** Caller holds the lock. */
    private List<Pending<T>> takeCurrent() {
        List<Pending<T>> batch = current;
        current = new ArrayList<>(maxSize);
        if (lingerTimer != null) {
            lingerTimer.cancel(false);
            lingerTimer = null;
        }
        return batch;
    }

    private void handOver(List<Pending<T>> batch) {
        try {
            handlerThread.execute(() -> handle(batch));
        } catch (RejectedExecutionException rejected) {
            batch.forEach(p -> p.done().completeExceptionally(rejected));
        }
    }

    private void handle(List<Pending<T>> batch) {
        List<T> items = new ArrayList<>(batch.size());
        batch.forEach(p -> items.add(p.item()));
        List<? extends Throwable> outcomes;
        try {
            outcomes = handler.handle(items);
            if (outcomes == null || outcomes.size() != batch.size()) {
                throw new IllegalStateException("batch handler of " + name + " returned "
                        + (outcomes == null ? "null" : outcomes.size() + " outcomes") + " for " + batch.size()
                        + " items: expected one per item");
            }
        } catch (Throwable e) { // whatever happens, no call of the batch may be left waiting forever
            Throwable failure = e;
            try {
                failure = Objects.requireNonNullElse(batchFailure.apply(batch.size(), e), e);
            } catch (RuntimeException mapping) {
                failure.addSuppressed(mapping);
            }
            for (Pending<T> p : batch) {
                p.done().completeExceptionally(failure);
            }
            if (e instanceof Error error && !(e instanceof LinkageError)) {
                throw error;
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Throwable refused = outcomes.get(i);
            if (refused == null) {
                batch.get(i).done().complete(null);
            } else {
                batch.get(i).done().completeExceptionally(refused);
            }
        }
    }

    /**
     * Hands over what is pending, then stops the handler thread, waiting up to {@code timeout} for the batches it
     * holds. Idempotent.
     *
     * @return false when the handler had not finished within the timeout (it is interrupted)
     */
    public boolean close(Duration timeout) throws InterruptedException {
        synchronized (this) {
            if (closed) {
                return true;
            }
            closed = true;
            List<Pending<T>> rest = takeCurrent();
            if (!rest.isEmpty()) {
                handOver(rest);
            }
        }
        handlerThread.shutdown();
        if (!handlerThread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            handlerThread.shutdownNow();
            return false;
        }
        return true;
    }

    /** {@link #close(Duration)} with 30 s. */
    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }

    /**
     * Builds a {@link CallBatcher}; {@link #build()} checks every setting once.
     *
     * @param <T> what is batched
     */
    public static final class Builder<T> {
        private final BatchHandler<T> handler;
        private String name = "batcher";
        private int maxSize = 500;
        private Duration linger = Duration.ofSeconds(1);
        private ScheduledExecutorService scheduler;
        private BiFunction<Integer, Throwable, Throwable> batchFailure = (size, e) -> e;

        private Builder(BatchHandler<T> handler) {
            this.handler = handler;
        }

        /** Names the batcher in its thread ({@code onex-batch-<name>}) and messages (default {@code batcher}). */
        public Builder<T> name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Items per batch (default 500). */
        public Builder<T> maxSize(int maxSize) {
            this.maxSize = maxSize;
            return this;
        }

        /** The longest an item waits for its batch to fill (default 1 s). */
        public Builder<T> linger(Duration linger) {
            this.linger = Objects.requireNonNull(linger, "linger");
            return this;
        }

        /** Times the linger (required: the node's injected scheduler, so tests drive it). */
        public Builder<T> scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * What every call of a batch fails with when the handler threw: given the batch's size and what was thrown
         * (default: the thrown exception itself). A node maps "the store is down" to what its contract retries, and
         * words it without secrets.
         */
        public Builder<T> batchFailure(BiFunction<Integer, Throwable, Throwable> batchFailure) {
            this.batchFailure = Objects.requireNonNull(batchFailure, "batchFailure");
            return this;
        }

        /**
         * @return the batcher, its handler thread started
         * @throws IllegalArgumentException naming every setting out of range
         */
        public CallBatcher<T> build() {
            List<String> problems = new ArrayList<>();
            if (maxSize < 1) {
                problems.add("maxSize must be at least 1, but was " + maxSize);
            }
            if (linger.isNegative() || linger.isZero()) {
                problems.add("linger must be positive, but was " + linger);
            }
            if (scheduler == null) {
                problems.add("scheduler is required (the node's injected ScheduledExecutorService)");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("batcher " + name + ": " + String.join("; ", problems));
            }
            return new CallBatcher<>(this);
        }
    }
}
