package io.onex.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The ONEX event envelope: the value of every record on ONEX topics (UTF-8 JSON, snake_case on the wire).
 *
 * <pre>{@code
 * {"event_id": "...", "event_type": "STAMP_WORKFLOW_STARTED", "correlation_id": "...", "causation_id": null,
 *  "timestamp": 1701446400.123, "version": "1.0.0",
 *  "source": {"service": "omninode_bridge", "node_type": "orchestrator", "node_id": "orchestrator-7f3a"},
 *  "metadata": {"environment": "dev", "node_version": "1.0.0"},
 *  "payload": {"workflow_id": "...", "workflow_state": "processing"}}
 * }</pre>
 *
 * <p>Event-specific fields live in {@code payload}, never at the top level. Top-level fields this version does not
 * know are kept in {@code extensions} and written back unchanged, so a record forwarded by a Java node loses nothing.
 *
 * <p>The maps are unmodifiable. A decoded envelope's payload and metadata are {@link RawJsonObject}s: kept as the JSON
 * text they came as and read into a map only when first used as one.
 *
 * @param eventId unique id of this event (a UUID for events we create; any string is accepted on read)
 * @param eventType the event type, e.g. {@code NODE_HEARTBEAT}
 * @param correlationId the correlation id tying a flow together
 * @param causationId the id of the event that caused this one, or null
 * @param timestamp when the event was created (written as epoch seconds with a fraction)
 * @param version the envelope schema version, {@code 1.0.0}
 * @param source who published it
 * @param metadata free-form metadata (environment, node version)
 * @param payload event-specific fields
 * @param extensions unknown top-level fields, kept as read
 */
public record EventEnvelope(
        String eventId,
        String eventType,
        String correlationId,
        String causationId,
        Instant timestamp,
        String version,
        EventSource source,
        Map<String, Object> metadata,
        Map<String, Object> payload,
        Map<String, Object> extensions) {

    /** The envelope schema version written by this runtime. */
    public static final String CURRENT_VERSION = "1.0.0";

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(version, "version");
        metadata = frozen(metadata);
        payload = frozen(payload);
        extensions = frozen(extensions);
    }

    /**
     * Creates a new envelope with a fresh event id and the current schema version.
     *
     * @param eventType event type
     * @param correlationId correlation id
     * @param causationId causation id or null
     * @param timestamp creation time
     * @param source publisher
     * @param metadata metadata
     * @param payload payload
     * @return the envelope
     */
    public static EventEnvelope create(String eventType, String correlationId, String causationId, Instant timestamp,
            EventSource source, Map<String, ?> metadata, Map<String, ?> payload) {
        return new EventEnvelope(UUID.randomUUID().toString(), eventType, correlationId, causationId, timestamp,
                CURRENT_VERSION, source, copy(metadata), copy(payload), Map.of());
    }

    private static Map<String, Object> copy(Map<String, ?> m) {
        return m == null ? Map.of() : new LinkedHashMap<>(m);
    }

    private static Map<String, Object> frozen(Map<String, Object> m) {
        if (m instanceof RawJsonObject raw) {
            return raw; // unmodifiable already, and copying it would read it
        }
        if (m == null || m.isEmpty()) {
            return Map.of();
        }
        // LinkedHashMap keeps field order on the wire; nulls are legal JSON values, so Map.copyOf is not an option
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
