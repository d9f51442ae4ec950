package io.onex.nodes.dbadapter;

/**
 * The database did not take a batch (connection refused or lost, server shutting down, a missing table): nothing of
 * the batch is committed, and every event of it is retried; the node's circuit breaker counts it.
 */
public final class DatabaseUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
