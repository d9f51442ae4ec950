package io.onex.runtime.remote;

import java.util.Objects;

/**
 * The typed error of a failed remote call, as carried by a {@link CallReply}.
 *
 * @param type the failure's kind (the callee's exception class simple name, or {@code deadline_exceeded})
 * @param retryable whether the caller's retry may try again; false for what the callee marked non-retryable
 * @param message the failure's message (never a payload)
 */
public record RemoteError(String type, boolean retryable, String message) {
    public RemoteError {
        Objects.requireNonNull(type, "type");
        message = message == null ? "" : message;
    }
}
