package io.onex.api.contract;

import java.time.Duration;
import java.util.List;

/**
 * Retry with exponential backoff: attempt {@code n} (n &ge; 2) waits
 * {@code min(initialBackoff * multiplier^(n-2), maxBackoff)}, spread by {@code ± jitter}.
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
}
