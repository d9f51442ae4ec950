package io.onex.runtime.logging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most one log line per key per interval: a failure that hits every record of a batch (a database that is down,
 * a broker that is gone) must not print a line per record. The first line of an interval is written; the others are
 * counted and the next written line says how many were left out. Thread-safe.
 *
 * <pre>{@code
 * long left = throttle.admit(node + "|" + error.getClass().getName());
 * if (left >= 0) {
 *     LOG.warn("... failed: {}{}", error, LogThrottle.suffix(left));
 * }
 * }</pre>
 */
public final class LogThrottle {
    /** Keys kept before the oldest state is dropped: keys are node and error class, so this is never reached. */
    private static final int MAX_KEYS = 10_000;

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        long openedAt;
        long suppressed;

        Window(long openedAt) {
            this.openedAt = openedAt;
        }
    }

    /**
     * @param interval lines of one key at most this often
     * @param nanoTime the time source ({@code System::nanoTime}; a fake one in tests)
     */
    public LogThrottle(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** One line per key per {@code interval}, on {@link System#nanoTime()}. */
    public static LogThrottle every(Duration interval) {
        return new LogThrottle(interval, System::nanoTime);
    }

    /**
     * @param key what makes lines alike (say node and error class)
     * @return -1 when this line should be left out; else how many alike lines were left out before it
     */
    public long admit(String key) {
        long now = nanoTime.getAsLong();
        if (windows.size() > MAX_KEYS) {
            windows.clear();
        }
        Window w = windows.computeIfAbsent(key, k -> new Window(now - intervalNanos));
        synchronized (w) {
            if (now - w.openedAt < intervalNanos) {
                w.suppressed++;
                return -1;
            }
            long left = w.suppressed;
            w.openedAt = now;
            w.suppressed = 0;
            return left;
        }
    }

    /** {@code " (N similar line(s) left out)"}, or nothing when none were. */
    public static String suffix(long leftOut) {
        return leftOut > 0 ? " (" + leftOut + " similar line(s) left out)" : "";
    }
}
