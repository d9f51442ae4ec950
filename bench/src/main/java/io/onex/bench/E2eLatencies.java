package io.onex.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Publish-to-handled times of {@code onex bench e2e}, per phase (a path at a rate). Each event carries the
 * {@link System#nanoTime()} at which it was due to be sent and its phase; the consuming side records the difference
 * when it handles the event. Both sides run in one JVM, so the clocks are the same clock. Times are recorded in
 * microseconds up to 60 s, three significant digits.
 */
final class E2eLatencies {

    private static final long MAX_MICROS = 60_000_000L;

    private final ConcurrentHashMap<Integer, Phase> phases = new ConcurrentHashMap<>();

    /** Records one handled event, now. */
    void handled(int phase, long dueNanos) {
        long micros = Math.max(0, (System.nanoTime() - dueNanos) / 1_000);
        Phase p = phases.computeIfAbsent(phase, k -> new Phase());
        p.histogram.recordValue(Math.min(micros, MAX_MICROS));
        p.handled.incrementAndGet();
    }

    long handledCount(int phase) {
        Phase p = phases.get(phase);
        return p == null ? 0 : p.handled.get();
    }

    /** A copy of the phase's histogram (empty when nothing was handled). */
    Histogram histogram(int phase) {
        Phase p = phases.get(phase);
        return p == null ? new Histogram(MAX_MICROS, 3) : p.histogram.copy();
    }

    private static final class Phase {
        final SynchronizedHistogram histogram = new SynchronizedHistogram(MAX_MICROS, 3);
        final AtomicLong handled = new AtomicLong();
    }
}
