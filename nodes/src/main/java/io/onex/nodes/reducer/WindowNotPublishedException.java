package io.onex.nodes.reducer;

/**
 * The window an event was folded into could not be published (or was discarded when the node stopped). Retryable:
 * the pipeline tries the event again, and it is folded into a new window; the record's offset is not committed
 * until then.
 */
public final class WindowNotPublishedException extends RuntimeException {

    WindowNotPublishedException(String message, Throwable cause) {
        super(message, cause);
    }
}
