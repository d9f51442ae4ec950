package io.onex.api.bridge;

import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.EventTypes;
import java.util.List;
import java.util.Optional;

/**
 * Which {@code event_type} spellings each bridge topic carries (WIRE.md, "Event types per topic"): the one this
 * project writes, and the ones it also accepts (the Python services' enum names). Producers write
 * {@link Row#written()}; consumers decide what an event is by the topic it came from first, and accept any spelling
 * of that topic's row, case-insensitively. An event type that fits no row of its topic is refused.
 *
 * <pre>{@code
 * BridgeEventTypes.written("dev.omninode_bridge.onex.evt.stamp-workflow-started.v1", "WORKFLOW_STARTED")
 *     // Optional[STAMP_WORKFLOW_STARTED]
 * BridgeEventTypes.written("dev.omninode_bridge.onex.evt.stamp-workflow-started.v1", "STEP_COMPLETED")
 *     // Optional.empty: refused
 * }</pre>
 */
public final class BridgeEventTypes {

    /**
     * One row of the table.
     *
     * @param topic the topic, as an ONEX reference ({@link BridgeTopics})
     * @param written the spelling this project's producers write
     * @param alsoAccepted the other spellings consumers accept (matching is case-insensitive, so lower-case forms
     *     need no entry)
     */
    public record Row(String topic, String written, List<String> alsoAccepted) {

        public Row {
            alsoAccepted = List.copyOf(alsoAccepted);
        }

        /** Whether {@code eventType} is one of this row's spellings, ignoring case. */
        public boolean accepts(String eventType) {
            if (eventType == null) {
                return false;
            }
            if (written.equalsIgnoreCase(eventType)) {
                return true;
            }
            for (String s : alsoAccepted) {
                if (s.equalsIgnoreCase(eventType)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether a consumed topic (full name or reference) is this row's topic. */
        public boolean isTopic(String consumedTopic) {
            return consumedTopic != null && (consumedTopic.equals(topic) || consumedTopic.endsWith("." + topic));
        }

        /** Every spelling, the written one first. */
        public List<String> spellings() {
            List<String> all = new java.util.ArrayList<>();
            all.add(written);
            all.addAll(alsoAccepted);
            return List.copyOf(all);
        }
    }

    /** The workflow run started (what {@code io.onex.runtime.workflow.WorkflowEventFields} writes). */
    public static final String STAMP_WORKFLOW_STARTED = "STAMP_WORKFLOW_STARTED";
    public static final String STAMP_WORKFLOW_COMPLETED = "STAMP_WORKFLOW_COMPLETED";
    public static final String STAMP_WORKFLOW_FAILED = "STAMP_WORKFLOW_FAILED";
    public static final String WORKFLOW_STEP_COMPLETED = "WORKFLOW_STEP_COMPLETED";
    public static final String WORKFLOW_STATE_TRANSITION = "WORKFLOW_STATE_TRANSITION";

    /** The table, in the order of WIRE.md: 9 orchestrator topics, 7 reducer topics, 3 registry topics. */
    public static final List<Row> ROWS = List.of(
            new Row(BridgeTopics.STAMP_WORKFLOW_STARTED, STAMP_WORKFLOW_STARTED, List.of("WORKFLOW_STARTED")),
            new Row(BridgeTopics.STAMP_WORKFLOW_COMPLETED, STAMP_WORKFLOW_COMPLETED, List.of("WORKFLOW_COMPLETED")),
            new Row(BridgeTopics.STAMP_WORKFLOW_FAILED, STAMP_WORKFLOW_FAILED, List.of("WORKFLOW_FAILED")),
            new Row(BridgeTopics.WORKFLOW_STEP_COMPLETED, WORKFLOW_STEP_COMPLETED, List.of("STEP_COMPLETED")),
            new Row(BridgeTopics.INTELLIGENCE_REQUESTED, StampEventFields.INTELLIGENCE_REQUESTED,
                    List.of("INTELLIGENCE_REQUESTED")),
            new Row(BridgeTopics.INTELLIGENCE_RECEIVED, StampEventFields.INTELLIGENCE_RECEIVED,
                    List.of("INTELLIGENCE_RECEIVED")),
            new Row(BridgeTopics.METADATA_STAMP_CREATED, StampEventFields.STAMP_CREATED, List.of("STAMP_CREATED")),
            new Row(BridgeTopics.BLAKE3_HASH_GENERATED, StampEventFields.HASH_GENERATED, List.of("HASH_GENERATED")),
            new Row(BridgeTopics.WORKFLOW_STATE_TRANSITION, WORKFLOW_STATE_TRANSITION, List.of("STATE_TRANSITION")),
            new Row(BridgeTopics.AGGREGATION_STARTED, ReducerEventFields.AGGREGATION_STARTED, List.of()),
            new Row(BridgeTopics.BATCH_PROCESSED, ReducerEventFields.BATCH_PROCESSED, List.of()),
            new Row(BridgeTopics.STATE_PERSISTED, ReducerEventFields.STATE_PERSISTED, List.of()),
            new Row(BridgeTopics.AGGREGATION_COMPLETED, ReducerEventFields.AGGREGATION_COMPLETED, List.of()),
            new Row(BridgeTopics.AGGREGATION_FAILED, ReducerEventFields.AGGREGATION_FAILED, List.of()),
            new Row(BridgeTopics.FSM_STATE_INITIALIZED, ReducerEventFields.FSM_STATE_INITIALIZED, List.of()),
            new Row(BridgeTopics.FSM_STATE_TRANSITIONED, ReducerEventFields.FSM_STATE_TRANSITIONED, List.of()),
            new Row(BridgeTopics.NODE_INTROSPECTION, EventTypes.NODE_INTROSPECTION, List.of()),
            new Row(BridgeTopics.NODE_HEARTBEAT, EventTypes.NODE_HEARTBEAT, List.of()),
            new Row(BridgeTopics.REGISTRY_REQUEST_INTROSPECTION, EventTypes.REGISTRY_REQUEST_INTROSPECTION,
                    List.of()));

    private BridgeEventTypes() {
    }

    /**
     * The row of a consumed topic.
     *
     * @param consumedTopic a full topic name or an ONEX reference
     * @return its row, or empty when it is not a bridge topic
     */
    public static Optional<Row> rowOfTopic(String consumedTopic) {
        return ROWS.stream().filter(r -> r.isTopic(consumedTopic)).findFirst();
    }

    /**
     * The row a spelling belongs to, whatever the topic: for events that did not come from a topic (a direct call) or
     * came from one outside the table.
     *
     * @param eventType any spelling
     * @return its row, or empty
     */
    public static Optional<Row> rowOfType(String eventType) {
        return ROWS.stream().filter(r -> r.accepts(eventType)).findFirst();
    }

    /**
     * What a consumed event is, by its topic first: the written spelling of the topic's row when {@code eventType}
     * fits it; when the topic is not in the table (or null), the written spelling of the row {@code eventType} fits.
     *
     * @param consumedTopic where the event came from (full name or reference), or null
     * @param eventType the event's {@code event_type}
     * @return the written spelling, or empty when the event is to be refused
     */
    public static Optional<String> written(String consumedTopic, String eventType) {
        Optional<Row> byTopic = rowOfTopic(consumedTopic);
        if (byTopic.isPresent()) {
            return byTopic.filter(r -> r.accepts(eventType)).map(Row::written);
        }
        return rowOfType(eventType).map(Row::written);
    }

    /**
     * Why an event is refused, for the dead-letter record.
     *
     * @param consumedTopic where it came from, or null
     * @param eventType its {@code event_type}
     * @param consumer who refuses it and what it does, e.g. {@code the database adapter persists}
     * @return the message
     */
    public static String refusal(String consumedTopic, String eventType, String consumer) {
        Optional<Row> byTopic = rowOfTopic(consumedTopic);
        if (byTopic.isPresent()) {
            return "event_type '" + eventType + "' does not fit topic " + consumedTopic + ": expected one of "
                    + String.join(", ", byTopic.get().spellings()) + " (any case)";
        }
        return "event_type '" + eventType + "' is not one " + consumer + (consumedTopic == null ? ""
                : " (topic " + consumedTopic + ")");
    }

}
