package io.onex.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded window of sends in flight, the same for every contender of a bench: a send takes a slot before it
 * starts and gives it back when its delivery is confirmed or failed; {@link #awaitAll()} returns once every send of
 * the round has ended. Failures are counted, never ignored. One thread sends (calls {@link #acquire()} and
 * {@link #awaitAll()}); any threads may release.
 *
 * <p>A sender that finds the window full waits until it has drained to a low-water mark (7/8 of the window), not
 * for one free slot: waking it per freed slot costs the completing thread (the producer's I/O thread) a thread wake-up
 * per record, a cost of the bench's driver that falls on whichever contender completes slower and that a semaphore
 * per record imposed before.
 */
final class SendWindow {

    private final int size;
    private final int lowWater;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private volatile Thread waiter;
    private volatile Throwable firstFailure;

    SendWindow(int size) {
        this.size = size;
        this.lowWater = size - Math.max(1, size / 8);
    }

    void acquire() throws InterruptedException {
        // one sender, and releases only lower the count: what is checked here still holds at the increment
        if (inFlight.get() >= size) {
            awaitAtMost(lowWater);
        }
        inFlight.incrementAndGet();
    }

    void release(Throwable failure) {
        if (failure != null) {
            if (failures.incrementAndGet() == 1) {
                firstFailure = failure;
            }
        }
        int left = inFlight.decrementAndGet();
        // each count is passed exactly once on the way down, so a waiter registered above it is woken once
        if (left == lowWater || left == 0) {
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    void awaitAll() throws InterruptedException {
        awaitAtMost(0);
    }

    private void awaitAtMost(int limit) throws InterruptedException {
        // registered before the count is read, and release() decrements before reading the registration: one of
        // the two sees the other
        waiter = Thread.currentThread();
        try {
            while (inFlight.get() > limit) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for sends in flight");
                }
            }
        } finally {
            waiter = null;
        }
    }

    long failures() {
        return failures.get();
    }

    Throwable firstFailure() {
        return firstFailure;
    }
}
