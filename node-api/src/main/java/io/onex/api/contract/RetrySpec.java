package io.onex.api.contract;

import java.time.Duration;
import java.util.List;

/**
 * Retry with exponential backoff: attempt {@code n} (n &ge; 2) waits
 * {@code min(initialBackoff * multiplier^(n-2), maxBackoff)}, spread by {@code ± jitter}.
 *
 * <p>Built and validated by {@link #custom()} (or {@link #from(RetrySpec)}); the contract loader checks the YAML keys
 * itself, with the file and line of each problem, and builds the record directly.
 *
 * <pre>{@code
 * RetrySpec retry = RetrySpec.custom()
 *         .maxAttempts(5)
 *         .initialBackoff(Duration.ofMillis(200))
 *         .neverRetryOn(List.of("java.lang.IllegalArgumentException"))
 *         .build();
 * }</pre>
 *
 * @param maxAttempts total attempts including the first; 1 disables retry
 * @param initialBackoff wait before the second attempt
 * @param multiplier growth factor of the wait, &ge; 1
 * @param maxBackoff cap on any single wait
 * @param jitter randomization factor in [0, 1): a wait {@code w} becomes uniform in {@code [w(1-j), w(1+j)]}
 * @param retryOn exception class names (or simple names) that are retried; empty means every exception not in
 *     {@code neverRetryOn}
 * @param neverRetryOn exception class names (or simple names) never retried; {@code NonRetryableException} and its
 *     subclasses are never retried regardless
 */
public record RetrySpec(
        int maxAttempts,
        Duration initialBackoff,
        double multiplier,
        Duration maxBackoff,
        double jitter,
        List<String> retryOn,
        List<String> neverRetryOn) {

    public RetrySpec {
        retryOn = retryOn == null ? List.of() : List.copyOf(retryOn);
        neverRetryOn = neverRetryOn == null ? List.of() : List.copyOf(neverRetryOn);
    }

    /** The defaults: 3 attempts, 100 ms doubling to at most 10 s, 20% jitter. */
    public static RetrySpec defaults() {
        return new RetrySpec(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(10), 0.2, List.of(), List.of());
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder custom() {
        return new Builder(defaults());
    }

    /** A builder starting from {@code spec}. */
    public static Builder from(RetrySpec spec) {
        return new Builder(spec);
    }

    /**
     * Builds a {@link RetrySpec}. Each setter rejects a bad value at once with an {@link IllegalArgumentException}
     * such as "maxAttempts must be greater than or equal to 1, but was 0"; {@link #build()} checks the backoff bounds
     * against each other.
     */
    public static final class Builder {
        private int maxAttempts;
        private Duration initialBackoff;
        private double multiplier;
        private Duration maxBackoff;
        private double jitter;
        private List<String> retryOn;
        private List<String> neverRetryOn;

        private Builder(RetrySpec from) {
            maxAttempts = from.maxAttempts();
            initialBackoff = from.initialBackoff();
            multiplier = from.multiplier();
            maxBackoff = from.maxBackoff();
            jitter = from.jitter();
            retryOn = from.retryOn();
            neverRetryOn = from.neverRetryOn();
        }

        /** Total attempts including the first, at least 1 (1 disables retry). */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = SpecChecks.atLeast("maxAttempts", 1, maxAttempts);
            return this;
        }

        /** The wait before the second attempt, greater than 0. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = SpecChecks.positive("initialBackoff", initialBackoff);
            return this;
        }

        /** The growth factor of the wait, at least 1. */
        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("multiplier must be greater than or equal to 1, but was "
                        + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        /** The cap on any single wait, greater than 0 and at least {@code initialBackoff}. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = SpecChecks.positive("maxBackoff", maxBackoff);
            return this;
        }

        /** The randomization factor, in [0, 1). */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0.0 && jitter < 1.0)) {
                throw new IllegalArgumentException("jitter must be greater than or equal to 0 and lower than 1, but was "
                        + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /** Exception class names (or simple names) retried; empty for every exception not never retried. */
        public Builder retryOn(List<String> classNames) {
            this.retryOn = SpecChecks.classNames("retryOn", classNames);
            return this;
        }

        /** Exception class names (or simple names) never retried. */
        public Builder neverRetryOn(List<String> classNames) {
            this.neverRetryOn = SpecChecks.classNames("neverRetryOn", classNames);
            return this;
        }

        /**
         * Builds the spec.
         *
         * @throws IllegalArgumentException when {@code maxBackoff} is below {@code initialBackoff}
         */
        public RetrySpec build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must be greater than or equal to initialBackoff ("
                        + SpecChecks.millis(initialBackoff) + "), but was " + SpecChecks.millis(maxBackoff));
            }
            return new RetrySpec(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, retryOn, neverRetryOn);
        }
    }
}
