package io.onex.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Sends at a fixed rate, open loop: event {@code i} is due at {@code start + i / rate}, and it carries that due time
 * whether or not the sender kept up, so a sender or path that falls behind shows as latency (no coordinated
 * omission). A sender that is late sends what is due at once, then waits for the next due time.
 */
final class PacedSender {

    /** One send: the event's due time ({@link System#nanoTime()}) and its sequence number in the phase. */
    interface Send {
        void send(long dueNanos, long sequence) throws Exception;
    }

    private PacedSender() {
    }

    /**
     * @return the events sent (rate times duration)
     */
    static long run(double ratePerSecond, double seconds, Send send) throws Exception {
        long total = Math.max(1, Math.round(ratePerSecond * seconds));
        double intervalNanos = 1e9 / ratePerSecond;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * intervalNanos);
            long wait = due - System.nanoTime();
            if (wait > 50_000) {
                LockSupport.parkNanos(wait);
            }
            send.send(due, i);
        }
        return total;
    }
}
