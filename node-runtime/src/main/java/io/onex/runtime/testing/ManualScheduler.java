package io.onex.runtime.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ScheduledExecutorService} driven by a {@link MutableClock}: nothing runs until {@link #advance} or
 * {@link #runDue} is called, and then on the calling thread, in due-time order. Tests of backoff, breakers,
 * timeouts and heartbeats use it so they never sleep.
 *
 * <p>{@code execute}/{@code submit} tasks are due immediately (run on the next {@code runDue}/{@code advance}).
 * Every delay asked for is recorded in {@link #requestedDelays()}, so tests can pin a backoff sequence.
 */
public final class ManualScheduler implements ScheduledExecutorService {

    private final MutableClock clock;
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private final List<Duration> requestedDelays = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean shutdown;

    public ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    public MutableClock clock() {
        return clock;
    }

    /** Delays passed to {@code schedule*} so far (immediate {@code execute} tasks are not recorded). */
    public synchronized List<Duration> requestedDelays() {
        return List.copyOf(requestedDelays);
    }

    /** Number of tasks waiting (not cancelled). */
    public synchronized int pendingTasks() {
        return (int) queue.stream().filter(t -> !t.isCancelled()).count();
    }

    /** Moves the clock forward by {@code d}, running every task that falls due on the way, in order. */
    public void advance(Duration d) {
        long target = clock.millis() + d.toMillis();
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.dueMillis > target) {
                    break;
                }
                queue.poll();
            }
            if (next.dueMillis > clock.millis()) {
                clock.set(java.time.Instant.ofEpochMilli(next.dueMillis));
            }
            next.runTask();
        }
        if (clock.millis() < target) {
            clock.set(java.time.Instant.ofEpochMilli(target));
        }
    }

    /**
     * Moves the clock to the due time of the next task (not before now) and runs what is due then.
     *
     * @return false, without moving the clock, when nothing is scheduled
     */
    public boolean advanceToNextTask() {
        long due;
        synchronized (this) {
            Task<?> next = queue.peek();
            if (next == null) {
                return false;
            }
            due = next.dueMillis;
        }
        advance(Duration.ofMillis(Math.max(0, due - clock.millis())));
        return true;
    }

    /** Runs every task already due, including tasks they make due now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    private synchronized <V> Task<V> enqueue(Callable<V> c, long delayMillis, long periodMillis, boolean record) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("scheduler is shut down");
        }
        if (record) {
            requestedDelays.add(Duration.ofMillis(delayMillis));
        }
        Task<V> t = new Task<>(c, clock.millis() + Math.max(0, delayMillis), periodMillis, sequence.incrementAndGet());
        queue.add(t);
        return t;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(() -> {
            command.run();
            return null;
        }, unit.toMillis(delay), 0, true);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(callable, unit.toMillis(delay), 0, true);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return enqueue(() -> {
            command.run();
            return null;
        }, unit.toMillis(initialDelay), unit.toMillis(period), true);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        enqueue(() -> {
            command.run();
            return null;
        }, 0, 0, false);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return enqueue(task, 0, 0, false);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return enqueue(() -> {
            task.run();
            return null;
        }, 0, 0, false);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return enqueue(() -> {
            task.run();
            return result;
        }, 0, 0, false);
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
        throw new UnsupportedOperationException("invokeAll is not used by the runtime");
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException("invokeAll is not used by the runtime");
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) {
        throw new UnsupportedOperationException("invokeAny is not used by the runtime");
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException("invokeAny is not used by the runtime");
    }

    private final class Task<V> implements ScheduledFuture<V>, Runnable {
        private final Callable<V> callable;
        private final long periodMillis;
        private final long seq;
        private final CompletableFuture<V> result = new CompletableFuture<>();
        private volatile long dueMillis;

        Task(Callable<V> callable, long dueMillis, long periodMillis, long seq) {
            this.callable = callable;
            this.dueMillis = dueMillis;
            this.periodMillis = periodMillis;
            this.seq = seq;
        }

        void runTask() {
            if (result.isDone()) {
                return;
            }
            try {
                V v = callable.call();
                if (periodMillis > 0) {
                    synchronized (ManualScheduler.this) {
                        dueMillis += periodMillis;
                        queue.add(this);
                    }
                } else {
                    result.complete(v);
                }
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }

        @Override
        public void run() {
            runTask();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueMillis - clock.millis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task<?> other = (Task<?>) o;
            int c = Long.compare(dueMillis, other.dueMillis);
            return c != 0 ? c : Long.compare(seq, other.seq);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = result.cancel(mayInterruptIfRunning);
            synchronized (ManualScheduler.this) {
                queue.remove(this);
            }
            return cancelled;
        }

        @Override
        public boolean isCancelled() {
            return result.isCancelled();
        }

        @Override
        public boolean isDone() {
            return result.isDone();
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            if (!result.isDone()) {
                throw new IllegalStateException("ManualScheduler task is not due yet: advance the scheduler first");
            }
            return result.get();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return get();
        }
    }

}
