package io.onex.api.contract;

import java.time.Duration;

/**
 * The circuit breaker. It opens when, over the last {@code slidingWindowSize} calls (and at least
 * {@code minimumCalls} of them), the failure rate reaches {@code failureRateThreshold} percent; a
 * {@code failure_threshold: N} in the contract is shorthand for "N consecutive failures" (window N, minimum N,
 * rate 100%). Open, it rejects calls at once; after {@code waitInOpen} it lets {@code callsInHalfOpen} trial calls
 * through and closes if they succeed.
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
}
