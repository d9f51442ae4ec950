package io.onex.api;

/**
 * Thrown by a node (or used to complete its stage exceptionally) to say that trying again cannot help: bad input,
 * a violated constraint, a refused request. The pipeline skips the remaining retries and routes the call to the
 * dead-letter topic at once. It does not count as a failure of the downstream for the circuit breaker.
 */
public class NonRetryableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NonRetryableException(String message) {
        super(message);
    }

    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
