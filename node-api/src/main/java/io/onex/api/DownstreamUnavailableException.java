package io.onex.api;

/**
 * Thrown by a node (or used to complete its stage exceptionally) to say the call failed because something the node
 * depends on is unavailable (its database, a service), not because of its input. It is retried as the contract says
 * and counts against the circuit breaker like any failure, but it is never dead-lettered: once the retries are used
 * up, a consumed record stays not done, so the consumer delivers it again after its redelivery backoff (and pauses
 * while the breaker is open), and a direct caller gets the failure. An outage then does not empty a topic into its
 * dead-letter topic.
 */
public class DownstreamUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DownstreamUnavailableException(String message) {
        super(message);
    }

    public DownstreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
