package io.onex.nodes.dbadapter;

import io.onex.api.DownstreamUnavailableException;

/**
 * The database did not take a batch (connection refused or lost, server shutting down, a missing table): nothing of
 * the batch is committed, and every event of it is retried; the node's circuit breaker counts it. A downstream
 * outage: once the retries are used up the event is not dead-lettered but delivered again.
 */
public final class DatabaseUnavailableException extends DownstreamUnavailableException {
    private static final long serialVersionUID = 1L;

    DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
