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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The per-attempt timeout of one node, for the contract's timeout (the same for every attempt), at a fraction of the
 * cost of a scheduled task per attempt.
 *
 * <p>Scheduling a timeout task and cancelling it when the attempt completes costs two heap operations under the
 * scheduler's lock per attempt, the cancel on whatever thread completes the attempt (for a publish, the Kafka
 * producer's I/O thread). Here an attempt still running when the node returns joins a FIFO queue; since every
 * attempt has the same timeout, the queue is in deadline order, and one task, scheduled at the deadline of the
 * oldest attempt, completes the overdue attempts with the {@code TimeoutException} resilience4j's
 * {@code TimeLimiter} gives, drops the finished ones and re-arms for the next; it stops when nothing is left. An
 * attempt adds nothing to its completion path. An attempt's deadline may pass by up to the spread of concurrent
 * registrations (microseconds) before it is noticed. Thread-safe.
 */
public final class AttemptTimeouts {

    private static final int DROP_PER_CALL = 4;

    private final String name;
    private final long timeoutMillis;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** Held by whoever removes entries, so that a removal takes exactly the head it looked at. */
    private final ReentrantLock removal = new ReentrantLock();
    private volatile boolean armed;

    private record Pending(long deadlineMillis, CompletableFuture<?> attempt) {
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
        return watch(attempt.get());
    }

    /**
     * Puts an attempt that has already started under the timeout.
     *
     * @param attempt the attempt's stage
     * @return the attempt's own stage, completed exceptionally with a {@code TimeoutException} if it runs too long
     */
    public <T> CompletionStage<T> watch(CompletionStage<T> attempt) {
        CompletableFuture<T> future = attempt.toCompletableFuture();
        if (future.isDone()) {
            return future;
        }
        queue.offer(new Pending(clock.millis() + timeoutMillis, future));
        // offered before armed is read: a task that has just stopped re-checks the queue after clearing armed
        if (!armed) {
            removal.lock();
            try {
                if (!armed) {
                    arm(timeoutMillis);
                }
            } finally {
                removal.unlock();
            }
        }
        // attempts mostly finish in the order they started: dropping finished ones here keeps the queue (and the
        // finished attempts it references) short instead of leaving that to the task a whole timeout later
        if (removal.tryLock()) {
            try {
                for (int i = 0; i < DROP_PER_CALL; i++) {
                    Pending head = queue.peek();
                    if (head == null || !head.attempt().isDone()) {
                        break;
                    }
                    queue.poll();
                }
            } finally {
                removal.unlock();
            }
        }
        return future;
    }

    private void sweep() {
        List<CompletableFuture<?>> overdue = new ArrayList<>();
        removal.lock();
        try {
            armed = false;
            long now = clock.millis();
            for (Pending head = queue.peek(); head != null; head = queue.peek()) {
                if (!head.attempt().isDone() && head.deadlineMillis() > now) {
                    arm(head.deadlineMillis() - now);
                    break;
                }
                queue.poll();
                if (!head.attempt().isDone()) {
                    overdue.add(head.attempt());
                }
            }
        } finally {
            removal.unlock();
        }
        // completed outside the lock: completion runs the pipeline's callbacks (breaker, retry, the next attempt)
        for (CompletableFuture<?> f : overdue) {
            f.completeExceptionally(TimeLimiter.createdTimeoutExceptionWithName(name, null));
        }
    }

    private void arm(long delayMillis) {
        armed = true;
        scheduler.schedule(this::sweep, delayMillis, TimeUnit.MILLISECONDS);
    }
}
