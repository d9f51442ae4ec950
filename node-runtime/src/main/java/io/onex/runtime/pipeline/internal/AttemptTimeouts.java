package io.onex.runtime.pipeline.internal;

import io.github.resilience4j.timelimiter.TimeLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The per-attempt timeout of one node, for the contract's timeout (the same for every attempt), at a fraction of the
 * cost of a scheduled task per attempt.
 *
 * <p>Scheduling a timeout task and cancelling it when the attempt completes costs two heap operations under the
 * scheduler's lock per attempt, the cancel on whatever thread completes the attempt (for a publish, the Kafka
 * producer's I/O thread). Here an attempt that is still running after the node returned joins a FIFO queue; since
 * every attempt has the same timeout, the queue is in deadline order, and one task, scheduled at the deadline of
 * the oldest attempt, completes the overdue attempts with the same {@code TimeoutException} resilience4j's
 * {@code TimeLimiter} gives, drops the finished ones and re-arms for the next. When no attempt is left running the
 * task is cancelled, so an idle node leaves nothing scheduled. An attempt's deadline may pass by up to the spread
 * of concurrent registrations (microseconds) before it is noticed. Thread-safe.
 */
public final class AttemptTimeouts {

    private static final int DROP_PER_CALL = 4;

    private final String name;
    private final long timeoutMillis;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();
    private final Object lock = new Object();
    private ScheduledFuture<?> sweep; // guarded by lock

    /** Identity matters: the queue removes exactly the entry it looked at, whoever else is dropping entries. */
    private static final class Pending {
        final long deadlineMillis;
        final CompletableFuture<?> attempt;

        Pending(long deadlineMillis, CompletableFuture<?> attempt) {
            this.deadlineMillis = deadlineMillis;
            this.attempt = attempt;
        }
    }

    /**
     * @param name the node's contract name (in the timeout's message)
     * @param timeout the contract's per-attempt timeout
     * @param clock the clock deadlines are measured on (the scheduler's, in tests)
     * @param scheduler where the timeout task runs
     */
    public AttemptTimeouts(String name, Duration timeout, Clock clock, ScheduledExecutorService scheduler) {
        this.name = name;
        this.timeoutMillis = timeout.toMillis();
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /**
     * Runs an attempt under the timeout.
     *
     * @param attempt the attempt
     * @return the attempt's own stage, completed exceptionally with a {@code TimeoutException} if it runs too long
     */
    public <T> CompletionStage<T> within(Supplier<CompletionStage<T>> attempt) {
        CompletableFuture<T> future = attempt.get().toCompletableFuture();
        if (future.isDone()) {
            return future;
        }
        queue.offer(new Pending(clock.millis() + timeoutMillis, future));
        // attempts mostly finish in the order they started: dropping finished ones here keeps the queue (and the
        // finished attempts it references) short instead of waiting a whole timeout for the task to do it
        dropFinished(DROP_PER_CALL);
        if (running.getAndIncrement() == 0) {
            synchronized (lock) {
                if (sweep == null) {
                    arm(timeoutMillis);
                }
            }
        }
        return future.whenComplete((v, e) -> {
            if (running.decrementAndGet() == 0) {
                idle();
            }
        });
    }

    private void idle() {
        synchronized (lock) {
            dropFinished(Integer.MAX_VALUE);
            if (queue.isEmpty() && sweep != null) {
                sweep.cancel(false);
                sweep = null;
            }
        }
    }

    private void sweep() {
        List<CompletableFuture<?>> overdue = new ArrayList<>();
        synchronized (lock) {
            sweep = null;
            long now = clock.millis();
            for (Pending head = queue.peek(); head != null; head = queue.peek()) {
                if (!head.attempt.isDone() && head.deadlineMillis > now) {
                    arm(head.deadlineMillis - now);
                    break;
                }
                if (queue.remove(head) && !head.attempt.isDone()) {
                    overdue.add(head.attempt);
                }
            }
        }
        // completed outside the lock: completion runs the pipeline's callbacks (breaker, retry, the next attempt)
        for (CompletableFuture<?> f : overdue) {
            f.completeExceptionally(TimeLimiter.createdTimeoutExceptionWithName(name, null));
        }
    }

    private void dropFinished(int atMost) {
        int n = 0;
        for (Pending head = queue.peek(); head != null && head.attempt.isDone() && n < atMost; head = queue.peek()) {
            queue.remove(head);
            n++;
        }
    }

    private void arm(long delayMillis) {
        sweep = scheduler.schedule(this::sweep, delayMillis, TimeUnit.MILLISECONDS);
    }
}
