package io.onex.nodes.kafkaeffect;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * What to publish. In a workflow step or a {@code runtime.call(...)} map the fields are snake_case.
 *
 * <ul>
 *   <li>{@code publish} (default): {@code topic}, {@code event_type}, {@code payload}, optional
 *       {@code correlation_id}, {@code partition_key}, {@code headers}.</li>
 *   <li>{@code publish_batch}: {@code events}, a list of such events; an event without {@code topic},
 *       {@code event_type} or {@code correlation_id} takes the batch's. {@code atomic: true} publishes them in one
 *       Kafka transaction (all or none visible to {@code read_committed} consumers).</li>
 *   <li>{@code publish_to_dlq}: the event as for {@code publish} plus {@code error}, written to
 *       {@code <prefixed topic>.dlq} in the dead-letter format of WIRE.md.</li>
 * </ul>
 *
 * @param operation what to do; null means {@link KafkaEffectOperation#PUBLISH}
 * @param topic the topic, before the configured prefix is applied ({@code quality.assessed.v1}) or an ONEX reference
 * @param eventType the envelope's event type
 * @param payload event-specific fields
 * @param correlationId correlation id; null takes the call's
 * @param partitionKey record key; null keys by correlation id
 * @param headers extra record headers
 * @param events the events of a batch
 * @param atomic whether a batch is all-or-nothing (null: false)
 * @param error why an event is sent to the DLQ ({@code publish_to_dlq})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KafkaEventInput(KafkaEffectOperation operation, String topic, String eventType,
        Map<String, Object> payload, String correlationId, String partitionKey, Map<String, String> headers,
        List<KafkaEventInput> events, Boolean atomic, String error) {

    public KafkaEventInput {
        operation = operation == null ? KafkaEffectOperation.PUBLISH : operation;
        payload = payload == null ? Map.of() : payload;
        headers = headers == null ? Map.of() : headers;
        events = events == null ? List.of() : List.copyOf(events);
        atomic = atomic != null && atomic;
    }

    /** One event to publish (operation {@code publish}). */
    public static KafkaEventInput event(String topic, String eventType, Map<String, Object> payload,
            String correlationId) {
        return new KafkaEventInput(null, topic, eventType, payload, correlationId, null, null, null, null, null);
    }

    /** A batch (operation {@code publish_batch}); {@code atomic} publishes it in one transaction. */
    public static KafkaEventInput batch(List<KafkaEventInput> events, boolean atomic) {
        return new KafkaEventInput(KafkaEffectOperation.PUBLISH_BATCH, null, null, null, null, null, null, events,
                atomic, null);
    }

    /** This event sent to its DLQ (operation {@code publish_to_dlq}) with the given reason. */
    public KafkaEventInput toDeadLetter(String reason) {
        return new KafkaEventInput(KafkaEffectOperation.PUBLISH_TO_DLQ, topic, eventType, payload, correlationId,
                partitionKey, headers, null, null, reason);
    }

    /** A copy with another partition key. */
    public KafkaEventInput withPartitionKey(String key) {
        return new KafkaEventInput(operation, topic, eventType, payload, correlationId, key, headers, events, atomic,
                error);
    }

    /** A copy with other extra headers. */
    public KafkaEventInput withHeaders(Map<String, String> newHeaders) {
        return new KafkaEventInput(operation, topic, eventType, payload, correlationId, partitionKey, newHeaders,
                events, atomic, error);
    }
}
