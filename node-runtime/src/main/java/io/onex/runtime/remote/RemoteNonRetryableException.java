package io.onex.runtime.remote;

import io.onex.api.NonRetryableException;

/** A remote node's call failed with an error it marked non-retryable: the caller's pipeline does not retry it. */
public class RemoteNonRetryableException extends NonRetryableException {
    private static final long serialVersionUID = 1L;

    public RemoteNonRetryableException(String message) {
        super(message);
    }
}
