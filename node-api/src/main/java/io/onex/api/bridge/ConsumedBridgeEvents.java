package io.onex.api.bridge;

import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a consumed bridge event the way every consumer of this project does: what it is is decided by its topic
 * first ({@link BridgeEventTypes}), and the fields the Python services put at the envelope's top level
 * ({@link #TOP_LEVEL_FIELDS}) count as the payload's. The result carries the written spelling as its event type and
 * those fields in its payload (a field the payload has wins), so a reader needs one code path for both shapes.
 *
 * <pre>{@code
 * // {"event_type": "WORKFLOW_STARTED", "workflow_id": "...", "payload": {}} on stamp-workflow-started
 * EventEnvelope e = ConsumedBridgeEvents.read(topic, envelope, "the database adapter");
 * e.eventType();                  // STAMP_WORKFLOW_STARTED
 * e.payload().get("workflow_id"); // "..."
 * }</pre>
 */
public final class ConsumedBridgeEvents {

    /** Event-specific fields the Python services' WorkflowEvent and AggregationEvent schemas put at the top level. */
    public static final List<String> TOP_LEVEL_FIELDS = List.of(StampEventFields.WORKFLOW_ID, "workflow_state",
            ReducerEventFields.AGGREGATION_ID, ReducerEventFields.AGGREGATION_TYPE);

    /** {@code metadata.source_node}: the producing node's kind ({@code orchestrator}, {@code reducer}). */
    public static final String METADATA_SOURCE_NODE = "source_node";
    /** {@code metadata.node_version}. */
    public static final String METADATA_NODE_VERSION = "node_version";
    /** {@code metadata.batch_size}: events in the window an aggregation event reports. */
    public static final String METADATA_BATCH_SIZE = "batch_size";

    private ConsumedBridgeEvents() {
    }

    /**
     * @param consumedTopic the topic the event came from (full name or reference), or null for a direct call
     * @param envelope the event as decoded
     * @param consumer who reads it and what it does, for the refusal's message ({@code the reducer aggregates})
     * @return the event with the written spelling and the top-level fields in its payload
     * @throws InvalidInputException when its event type fits no row of its topic (or, without a topic, no row)
     */
    public static EventEnvelope read(String consumedTopic, EventEnvelope envelope, String consumer) {
        String written = BridgeEventTypes.written(consumedTopic, envelope.eventType()).orElseThrow(() ->
                new InvalidInputException(BridgeEventTypes.refusal(consumedTopic, envelope.eventType(), consumer)));
        Map<String, Object> payload = envelope.payload();
        Map<String, Object> hoisted = null;
        for (String field : TOP_LEVEL_FIELDS) {
            Object top = envelope.extensions().get(field);
            if (top != null && payload.get(field) == null) {
                if (hoisted == null) {
                    hoisted = new LinkedHashMap<>(payload);
                }
                hoisted.put(field, top);
            }
        }
        if (hoisted == null && written.equals(envelope.eventType())) {
            return envelope;
        }
        return new EventEnvelope(envelope.eventId(), written, envelope.correlationId(), envelope.causationId(),
                envelope.timestamp(), envelope.version(), envelope.source(), envelope.metadata(),
                hoisted == null ? payload : hoisted, envelope.extensions());
    }
}
