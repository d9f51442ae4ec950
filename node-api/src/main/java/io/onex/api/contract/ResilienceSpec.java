package io.onex.api.contract;

import java.time.Duration;
import java.util.Objects;

/**
 * How calls of a node are protected.
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
}
