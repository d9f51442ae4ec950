package io.onex.api.contract;

import java.time.Duration;
import java.util.Objects;

/**
 * How calls of a node are protected.
 *
 * <pre>{@code
 * ResilienceSpec resilience = ResilienceSpec.custom()
 *         .timeout(Duration.ofSeconds(5))
 *         .retry(RetrySpec.custom().maxAttempts(1).build())
 *         .circuitBreaker(CircuitBreakerSpec.custom().consecutiveFailures(2).build())
 *         .build();
 * }</pre>
 *
 * @param timeout limit on one attempt
 * @param retry retry policy
 * @param circuitBreaker circuit breaker policy
 */
public record ResilienceSpec(Duration timeout, RetrySpec retry, CircuitBreakerSpec circuitBreaker) {
    public ResilienceSpec {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
    }

    /** The defaults: 10 s per attempt, {@link RetrySpec#defaults()}, {@link CircuitBreakerSpec#defaults()}. */
    public static ResilienceSpec defaults() {
        return new ResilienceSpec(Duration.ofSeconds(10), RetrySpec.defaults(), CircuitBreakerSpec.defaults());
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder custom() {
        return new Builder(defaults());
    }

    /** A builder starting from {@code spec}. */
    public static Builder from(ResilienceSpec spec) {
        return new Builder(spec);
    }

    /** Builds a {@link ResilienceSpec}; a bad value is rejected at once ("timeout must be greater than 0 ms, ..."). */
    public static final class Builder {
        private Duration timeout;
        private RetrySpec retry;
        private CircuitBreakerSpec circuitBreaker;

        private Builder(ResilienceSpec from) {
            timeout = from.timeout();
            retry = from.retry();
            circuitBreaker = from.circuitBreaker();
        }

        /** The limit on one attempt, greater than 0. */
        public Builder timeout(Duration timeout) {
            this.timeout = SpecChecks.positive("timeout", timeout);
            return this;
        }

        /** The retry policy. */
        public Builder retry(RetrySpec retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** The circuit breaker policy. */
        public Builder circuitBreaker(CircuitBreakerSpec circuitBreaker) {
            this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
            return this;
        }

        /** Builds the spec. */
        public ResilienceSpec build() {
            return new ResilienceSpec(timeout, retry, circuitBreaker);
        }
    }
}
