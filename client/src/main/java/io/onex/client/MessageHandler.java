package io.onex.client;

/**
 * Handles consumed messages for {@link OnexClient#subscribe}. Runs on the client's handler threads (blocking is
 * fine); a throw is a failure, retried by the client's resilience policy, and the message is dead-lettered to
 * {@code <topic>.dlq} when every attempt failed. Throw an {@link io.onex.api.NonRetryableException} to skip the
 * remaining attempts.
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * @param message the decoded message
     * @throws Exception when handling failed
     */
    void handle(ConsumedMessage message) throws Exception;
}
