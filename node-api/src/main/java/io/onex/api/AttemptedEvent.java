package io.onex.api;

import java.util.Map;
import java.util.Objects;

/**
 * An event a node is about to publish in the current attempt, exactly as it sends it: what the runtime writes to
 * {@code <topic>.dlq} in the call's place if the call fails for good. Register it with
 * {@link NodeContext#deadLetterOnFinalFailure}; the node never decides itself which attempt is the last.
 *
 * <pre>{@code
 * AttemptedEvent attempted = new AttemptedEvent("dev.orders.v1", orderId, envelope, Map.of("x-tenant", "acme"));
 * context.deadLetterOnFinalFailure(List.of(attempted));
 * return context.publisher().publishEnvelope(attempted.topic(), attempted.key(), attempted.envelope());
 * }</pre>
 *
 * @param topic the full topic name the event is sent to; its dead-letter topic is {@code <topic>.dlq}
 * @param key the record key, or null (the dead-letter record is then keyed by the envelope's correlation id)
 * @param envelope the envelope as sent
 * @param headers extra record headers as sent (never null; empty for none)
 */
public record AttemptedEvent(String topic, String key, EventEnvelope envelope, Map<String, String> headers) {

    public AttemptedEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(envelope, "envelope");
        headers = headers == null ? Map.of() : headers;
    }
}
