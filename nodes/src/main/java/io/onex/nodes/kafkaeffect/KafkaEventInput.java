package io.onex.nodes.kafkaeffect;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to publish. In a workflow step or a {@code runtime.call(...)} map the fields are snake_case.
 *
 * <ul>
 *   <li>{@code publish} (default): {@code topic}, {@code event_type}, {@code payload}, optional
 *       {@code correlation_id}, {@code partition_key} (or {@code key}, the Python services' name for it),
 *       {@code headers}.</li>
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

    /**
     * The input as read from JSON (snake_case), with {@code key} as a synonym of {@code partition_key}: the Python
     * services' {@code ModelKafkaEventInput(key="entity-123")}.
     *
     * @throws IllegalArgumentException when {@code partition_key} and {@code key} are both given and differ
     */
    @JsonCreator
    static KafkaEventInput fromJson(@JsonProperty("operation") KafkaEffectOperation operation,
            @JsonProperty("topic") String topic, @JsonProperty("event_type") String eventType,
            @JsonProperty("payload") Map<String, Object> payload, @JsonProperty("correlation_id") String correlationId,
            @JsonProperty("partition_key") String partitionKey, @JsonProperty("key") String key,
            @JsonProperty("headers") Map<String, String> headers, @JsonProperty("events") List<KafkaEventInput> events,
            @JsonProperty("atomic") Boolean atomic, @JsonProperty("error") String error) {
        return new KafkaEventInput(operation, topic, eventType, payload, correlationId,
                partitionKeyOf(partitionKey, key), headers, events, atomic, error);
    }

    /** {@code partition_key}, else its synonym {@code key}; both given must agree. */
    static String partitionKeyOf(String partitionKey, String key) {
        if (partitionKey != null && key != null && !partitionKey.equals(key)) {
            throw new IllegalArgumentException("partition_key '" + partitionKey + "' and key '" + key
                    + "' differ: key is a synonym of partition_key, give one of them (or the same value)");
        }
        return partitionKey != null ? partitionKey : key;
    }

    /**
     * The input a map of plain JSON values describes, converted without Jackson, or null for any map this does not
     * convert exactly as Jackson's {@code convertValue} would (the runtime then uses Jackson): only the single-event
     * fields, with strings where strings are expected, and payload and headers made of strings, booleans, ints,
     * longs, big decimals, null, lists and maps with string keys (doubles, for one, come back as big decimals from
     * Jackson). Containers are copied, as Jackson's conversion copies them.
     *
     * @param map a call's input map
     * @return the input, or null to leave the conversion to Jackson
     */
    static KafkaEventInput fromPlainMap(Map<?, ?> map) {
        Object operation = map.get("operation");
        Object topic = map.get("topic");
        Object eventType = map.get("event_type");
        Object payload = map.get("payload");
        Object correlationId = map.get("correlation_id");
        Object partitionKey = map.get("partition_key");
        Object key = map.get("key");
        Object headers = map.get("headers");
        Object error = map.get("error");
        int known = present(operation) + present(topic) + present(eventType) + present(payload)
                + present(correlationId) + present(partitionKey) + present(key) + present(headers) + present(error);
        if (known != map.size()) {
            // keys with null values count too; whatever is left is a field this conversion does not handle
            for (String field : FIELDS) {
                known += map.get(field) == null && map.containsKey(field) ? 1 : 0;
            }
        }
        if (known != map.size() || !isText(operation) || !isText(topic) || !isText(eventType)
                || !isText(correlationId) || !isText(partitionKey) || !isText(key) || !isText(error)
                || (partitionKey != null && key != null && !partitionKey.equals(key))) {
            return null; // two different keys: Jackson's conversion reports it
        }
        Object payloadCopy = payload == null ? null : plainCopy(payload);
        Map<String, String> headersCopy = headers == null ? null : textMapCopy(headers);
        if (payloadCopy == NOT_PLAIN || !(payloadCopy == null || payloadCopy instanceof Map)
                || (headers != null && headersCopy == null)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> payloadMap = (Map<String, Object>) payloadCopy;
        return new KafkaEventInput(KafkaEffectOperation.of((String) operation), (String) topic, (String) eventType,
                payloadMap, (String) correlationId, partitionKeyOf((String) partitionKey, (String) key), headersCopy,
                null, null, (String) error);
    }

    private static final Object NOT_PLAIN = new Object();

    private static final List<String> FIELDS = List.of("operation", "topic", "event_type", "payload",
            "correlation_id", "partition_key", "key", "headers", "error");

    private static int present(Object value) {
        return value != null ? 1 : 0;
    }

    private static boolean isText(Object v) {
        return v == null || v instanceof String;
    }

    private static Object plainCopy(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, m.size() * 2));
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object value = plainCopy(e.getValue());
                if (!(e.getKey() instanceof String key) || value == NOT_PLAIN) {
                    return NOT_PLAIN;
                }
                copy.put(key, value);
            }
            return copy;
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object item : l) {
                Object value = plainCopy(item);
                if (value == NOT_PLAIN) {
                    return NOT_PLAIN;
                }
                copy.add(value);
            }
            return copy;
        }
        return NOT_PLAIN;
    }

    private static Map<String, String> textMapCopy(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            return null;
        }
        Map<String, String> copy = new LinkedHashMap<>(Math.max(4, m.size() * 2));
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String key) || !isText(e.getValue())) {
                return null;
            }
            copy.put(key, (String) e.getValue());
        }
        return copy;
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
