package io.onex.runtime.resilience;

import io.github.resilience4j.core.IntervalFunction;
import io.onex.api.contract.RetrySpec;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The wait before retry {@code n} (n &ge; 1): {@code w = min(initial * multiplier^(n-1), max)}, then spread
 * uniformly over {@code [w(1-jitter), w(1+jitter)]}, as {@link RetrySpec} documents.
 *
 * <p>Written out rather than taken from {@code IntervalFunction.ofExponentialRandomBackoff}, whose order of capping
 * and randomizing is not part of its contract: capping first makes the documented bounds hold exactly, and the
 * random source can be pinned in tests.
 */
public final class ExponentialJitterBackoff implements IntervalFunction {

    private final long initialMillis;
    private final double multiplier;
    private final long maxMillis;
    private final double jitter;
    private final DoubleSupplier random;

    /**
     * @param initial wait before the first retry
     * @param multiplier growth per retry, &ge; 1
     * @param max cap on the un-jittered wait
     * @param jitter spread in [0, 1)
     * @param random uniform source in [0, 1)
     */
    public ExponentialJitterBackoff(Duration initial, double multiplier, Duration max, double jitter, DoubleSupplier random) {
        this.initialMillis = initial.toMillis();
        this.multiplier = multiplier;
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
        this.random = random;
    }

    /** The backoff a retry policy asks for, with a thread-local random source. */
    public static ExponentialJitterBackoff of(RetrySpec spec) {
        return new ExponentialJitterBackoff(spec.initialBackoff(), spec.multiplier(), spec.maxBackoff(), spec.jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The un-jittered wait before retry {@code retry} (1-based). */
    public long baseMillis(int retry) {
        double w = initialMillis * Math.pow(multiplier, Math.max(0, retry - 1));
        return (long) Math.min(w, (double) maxMillis);
    }

    @Override
    public Long apply(Integer retry) {
        long base = baseMillis(retry);
        if (jitter <= 0) {
            return base;
        }
        double delta = base * jitter;
        double low = base - delta;
        return Math.max(0L, Math.round(low + random.getAsDouble() * 2 * delta));
    }
}
