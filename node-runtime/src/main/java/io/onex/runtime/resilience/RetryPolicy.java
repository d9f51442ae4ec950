package io.onex.runtime.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.onex.api.NonRetryableException;
import io.onex.api.contract.RetrySpec;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Which failures a {@link RetrySpec} retries, and the resilience4j {@link Retry} built from it.
 *
 * <p>Never retried: a {@link NonRetryableException} anywhere in the cause chain, a breaker rejection
 * ({@link CallNotPermittedException}: waiting out a backoff against an open breaker only delays the verdict), and
 * {@code neverRetryOn}. When {@code retryOn} is non-empty only those are retried, plus per-attempt timeouts: the
 * timeout is the runtime's own guard against a hung attempt, not a failure the contract author can foresee.
 */
public final class RetryPolicy {

    private final RetrySpec spec;

    private RetryPolicy(RetrySpec spec) {
        this.spec = spec;
    }

    /** The policy of a retry spec. */
    public static RetryPolicy of(RetrySpec spec) {
        return new RetryPolicy(spec);
    }

    /**
     * Whether a failed attempt may be tried again.
     *
     * @param failure the attempt's failure (future wrappers are looked through)
     * @return true to retry
     */
    public boolean isRetryable(Throwable failure) {
        Throwable t = RootCause.of(failure);
        if (t instanceof CallNotPermittedException || RootCause.hasInChain(t, NonRetryableException.class)) {
            return false;
        }
        if (matches(spec.neverRetryOn(), t)) {
            return false;
        }
        if (t instanceof TimeoutException) {
            return true;
        }
        return spec.retryOn().isEmpty() || matches(spec.retryOn(), t);
    }

    /**
     * A resilience4j retry with this policy's attempts, backoff and classification.
     *
     * @param name the retry's name (the node's contract name)
     * @return a new retry
     */
    public Retry newRetry(String name) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(spec.maxAttempts())
                .intervalFunction(ExponentialJitterBackoff.of(spec))
                .retryOnException(this::isRetryable)
                .build();
        return Retry.of(name, config);
    }

    /** Whether the class of {@code t}, or a superclass, is named in {@code names} (fully qualified or simple). */
    static boolean matches(List<String> names, Throwable t) {
        if (names.isEmpty()) {
            return false;
        }
        for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (names.contains(c.getName()) || names.contains(c.getSimpleName())) {
                return true;
            }
        }
        return false;
    }
}
