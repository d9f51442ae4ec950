package io.onex.runtime.remote;

/**
 * A remote node's call failed with an error it marked retryable (or no reply came in time): the caller's retry may try
 * again. A non-retryable remote error is a {@link RemoteNonRetryableException}.
 */
public class RemoteCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RemoteCallException(String message) {
        super(message);
    }
}
