package io.onex.api.contract;

import java.time.Duration;

/**
 * The circuit breaker. It opens when, over the last {@code slidingWindowSize} calls (and at least
 * {@code minimumCalls} of them), the failure rate reaches {@code failureRateThreshold} percent; a
 * {@code failure_threshold: N} in the contract is shorthand for "N consecutive failures" (window N, minimum N,
 * rate 100%). Open, it rejects calls at once; after {@code waitInOpen} it lets {@code callsInHalfOpen} trial calls
 * through and closes if they succeed.
 *
 * <p>Built and validated by {@link #custom()} (or {@link #from(CircuitBreakerSpec)}); the contract loader checks the
 * YAML keys itself, with the file and line of each problem, and builds the record directly.
 *
 * <pre>{@code
 * CircuitBreakerSpec breaker = CircuitBreakerSpec.custom()
 *         .consecutiveFailures(3)
 *         .waitInOpen(Duration.ofSeconds(60))
 *         .build();
 * }</pre>
 *
 * @param enabled whether the breaker is used at all
 * @param failureRateThreshold failure rate in percent, in (0, 100]
 * @param slidingWindowSize number of calls the rate is computed over
 * @param minimumCalls calls needed before the rate is computed
 * @param waitInOpen how long it stays open before half-opening
 * @param callsInHalfOpen trial calls permitted while half-open
 * @param deadLetterWhenOpen whether a call rejected by the open breaker is routed to the DLQ (true) or failed back
 *     to the caller/consumer for a later retry (false: a consumer then pauses its partitions)
 */
public record CircuitBreakerSpec(
        boolean enabled,
        float failureRateThreshold,
        int slidingWindowSize,
        int minimumCalls,
        Duration waitInOpen,
        int callsInHalfOpen,
        boolean deadLetterWhenOpen) {

    /** The defaults: opens after 5 consecutive failures, stays open 30 s, 1 trial call. */
    public static CircuitBreakerSpec defaults() {
        return new CircuitBreakerSpec(true, 100f, 5, 5, Duration.ofSeconds(30), 1, false);
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder custom() {
        return new Builder(defaults());
    }

    /** A builder starting from {@code spec}. */
    public static Builder from(CircuitBreakerSpec spec) {
        return new Builder(spec);
    }

    /**
     * Builds a {@link CircuitBreakerSpec}. Each setter rejects a bad value at once with an
     * {@link IllegalArgumentException} such as "slidingWindowSize must be greater than or equal to 1, but was 0";
     * {@link #build()} checks {@code minimumCalls} against the window.
     */
    public static final class Builder {
        private boolean enabled;
        private float failureRateThreshold;
        private int slidingWindowSize;
        private int minimumCalls;
        private Duration waitInOpen;
        private int callsInHalfOpen;
        private boolean deadLetterWhenOpen;

        private Builder(CircuitBreakerSpec from) {
            enabled = from.enabled();
            failureRateThreshold = from.failureRateThreshold();
            slidingWindowSize = from.slidingWindowSize();
            minimumCalls = from.minimumCalls();
            waitInOpen = from.waitInOpen();
            callsInHalfOpen = from.callsInHalfOpen();
            deadLetterWhenOpen = from.deadLetterWhenOpen();
        }

        /** Whether the breaker is used at all. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** The failure rate in percent at which it opens, greater than 0 and at most 100. */
        public Builder failureRateThreshold(float percent) {
            if (!(percent > 0f && percent <= 100f)) {
                throw new IllegalArgumentException(
                        "failureRateThreshold must be greater than 0 and lower than or equal to 100, but was " + percent);
            }
            this.failureRateThreshold = percent;
            return this;
        }

        /** The number of calls the rate is computed over, at least 1. */
        public Builder slidingWindowSize(int calls) {
            this.slidingWindowSize = SpecChecks.atLeast("slidingWindowSize", 1, calls);
            return this;
        }

        /** Calls needed before the rate is computed, at least 1 and at most the window. */
        public Builder minimumCalls(int calls) {
            this.minimumCalls = SpecChecks.atLeast("minimumCalls", 1, calls);
            return this;
        }

        /** Opens after {@code n} consecutive failures: window {@code n}, minimum {@code n}, rate 100%. */
        public Builder consecutiveFailures(int n) {
            SpecChecks.atLeast("consecutiveFailures", 1, n);
            this.slidingWindowSize = n;
            this.minimumCalls = n;
            this.failureRateThreshold = 100f;
            return this;
        }

        /** How long it stays open before half-opening, greater than 0. */
        public Builder waitInOpen(Duration wait) {
            this.waitInOpen = SpecChecks.positive("waitInOpen", wait);
            return this;
        }

        /** Trial calls permitted while half-open, at least 1. */
        public Builder callsInHalfOpen(int calls) {
            this.callsInHalfOpen = SpecChecks.atLeast("callsInHalfOpen", 1, calls);
            return this;
        }

        /** Whether a call rejected by the open breaker is dead-lettered (else failed back for a later retry). */
        public Builder deadLetterWhenOpen(boolean deadLetter) {
            this.deadLetterWhenOpen = deadLetter;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @throws IllegalArgumentException when {@code minimumCalls} exceeds {@code slidingWindowSize}
         */
        public CircuitBreakerSpec build() {
            if (minimumCalls > slidingWindowSize) {
                throw new IllegalArgumentException("minimumCalls must be lower than or equal to slidingWindowSize ("
                        + slidingWindowSize + "), but was " + minimumCalls);
            }
            return new CircuitBreakerSpec(enabled, failureRateThreshold, slidingWindowSize, minimumCalls, waitInOpen,
                    callsInHalfOpen, deadLetterWhenOpen);
        }
    }
}
