package io.onex.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An event a node wants published. The publisher wraps it in an {@link EventEnvelope}.
 *
 * <p>{@code topic} may be a full topic name or an ONEX topic reference ({@code onex.evt.node-heartbeat.v1}), which
 * the runtime prefixes with {@code {env}.{tenant}.}; see {@link io.onex.api.topic.TopicName#resolve}.
 *
 * @param topic topic name or ONEX topic reference
 * @param eventType the envelope's {@code event_type}, e.g. {@code STAMP_WORKFLOW_STARTED}
 * @param payload event-specific fields (JSON-compatible values)
 * @param correlationId the correlation id, or null to take the call's
 * @param causationId the causing event's id, or null to take the call's trigger
 * @param partitionKey the record key, or null to key by correlation id
 * @param headers extra record headers (added to the envelope's own)
 * @param metadata entries for the envelope's {@code metadata}, added to the publisher's own (environment, node
 *     version, source node); empty for none
 */
public record OutboundEvent(
        String topic,
        String eventType,
        Map<String, Object> payload,
        String correlationId,
        String causationId,
        String partitionKey,
        Map<String, String> headers,
        Map<String, Object> metadata) {

    public OutboundEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(eventType, "eventType");
        payload = payload == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(payload));
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        metadata = metadata == null || metadata.isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** An event without metadata entries of its own. */
    public OutboundEvent(String topic, String eventType, Map<String, Object> payload, String correlationId,
            String causationId, String partitionKey, Map<String, String> headers) {
        this(topic, eventType, payload, correlationId, causationId, partitionKey, headers, Map.of());
    }

    /** The correlation id, if the event sets one. */
    public Optional<String> correlationIdIfSet() {
        return Optional.ofNullable(correlationId);
    }

    /**
     * Starts a builder.
     *
     * @param topic topic name or ONEX topic reference
     * @param eventType the event type
     * @return a builder
     */
    public static Builder builder(String topic, String eventType) {
        return new Builder(topic, eventType);
    }

    /** Builds an {@link OutboundEvent}. */
    public static final class Builder {
        private final String topic;
        private final String eventType;
        private Map<String, Object> payload = Map.of();
        private String correlationId;
        private String causationId;
        private String partitionKey;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, Object> metadata = new LinkedHashMap<>();

        private Builder(String topic, String eventType) {
            this.topic = topic;
            this.eventType = eventType;
        }

        public Builder payload(Map<String, ?> payload) {
            this.payload = new LinkedHashMap<>(payload);
            return this;
        }

        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public Builder causationId(String causationId) {
            this.causationId = causationId;
            return this;
        }

        public Builder partitionKey(String partitionKey) {
            this.partitionKey = partitionKey;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder headers(Map<String, String> headers) {
            this.headers.putAll(headers);
            return this;
        }

        /** An entry for the envelope's {@code metadata}, beside the publisher's own; it wins over theirs. */
        public Builder metadata(String name, Object value) {
            metadata.put(name, value);
            return this;
        }

        public OutboundEvent build() {
            return new OutboundEvent(topic, eventType, payload, correlationId, causationId, partitionKey, headers,
                    metadata);
        }
    }
}
