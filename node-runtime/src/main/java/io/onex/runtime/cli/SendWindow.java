package io.onex.runtime.cli;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded window of sends in flight, the same for every contender of a bench: a send takes a slot before it
 * starts and gives it back when its delivery is confirmed or failed; {@link #awaitAll()} returns once every send of
 * the round has ended. Failures are counted, never ignored.
 */
final class SendWindow {

    private final int size;
    private final Semaphore slots;
    private final AtomicLong failures = new AtomicLong();
    private volatile Throwable firstFailure;

    SendWindow(int size) {
        this.size = size;
        this.slots = new Semaphore(size);
    }

    void acquire() throws InterruptedException {
        slots.acquire();
    }

    void release(Throwable failure) {
        if (failure != null) {
            if (failures.incrementAndGet() == 1) {
                firstFailure = failure;
            }
        }
        slots.release();
    }

    void awaitAll() throws InterruptedException {
        slots.acquire(size);
        slots.release(size);
    }

    long failures() {
        return failures.get();
    }

    Throwable firstFailure() {
        return firstFailure;
    }
}
