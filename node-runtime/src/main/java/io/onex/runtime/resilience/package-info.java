/**
 * Resilience building blocks shared by the call pipeline and the dead-letter router: which failures a retry policy
 * retries and the resilience4j {@code Retry} built from it ({@link io.onex.runtime.resilience.RetryPolicy}), its
 * backoff ({@link io.onex.runtime.resilience.ExponentialJitterBackoff}), the breaker's states
 * ({@link io.onex.runtime.resilience.BreakerState}) and the unwrapping of future wrappers
 * ({@link io.onex.runtime.resilience.RootCause}).
 */
package io.onex.runtime.resilience;
