package io.onex.nodes.dbadapter;

import static io.onex.nodes.dbadapter.BridgeOperation.PERSIST_FSM_TRANSITION;
import static io.onex.nodes.dbadapter.BridgeOperation.PERSIST_METADATA_STAMP;
import static io.onex.nodes.dbadapter.BridgeOperation.PERSIST_WORKFLOW_EXECUTION;
import static io.onex.nodes.dbadapter.BridgeOperation.PERSIST_WORKFLOW_STEP;
import static io.onex.nodes.dbadapter.BridgeOperation.RECORD_EVENT;
import static io.onex.nodes.dbadapter.BridgeOperation.UPDATE_NODE_REGISTRATION;
import static io.onex.nodes.dbadapter.BridgeOperation.UPSERT_BRIDGE_STATE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.api.bridge.BridgeEventTypes;
import io.onex.api.bridge.ConsumedBridgeEvents;
import io.onex.api.bridge.ReducerEventFields;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.introspection.NodeHeartbeat;
import io.onex.runtime.introspection.NodeIntrospection;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/**
 * Maps a consumed bridge event to the write that persists it (see the table of docs/nodes/bridge-database-adapter.md): workflow events to
 * {@code workflow_executions} / {@code workflow_steps} / {@code fsm_transitions}, the stamp and hash/intelligence
 * events to {@code metadata_stamps} / {@code workflow_steps}, a completed aggregation to {@code bridge_states}
 * (through the ledger: it adds), reducer FSM events to {@code fsm_transitions}, introspection and heartbeats to
 * {@code node_registrations}, and the reducer's other events to the ledger with their payload. Field names are the
 * producers' own constants. Times are the events' own, so a redelivered event binds exactly the same values.
 *
 * <p>A payload that lacks a required field or holds a value of the wrong shape is an
 * {@link InvalidInputException} naming the event type, the field and what was expected (it goes to the DLQ).
 */
final class BridgeEventMapper {

    /** Fixed-width UTC ISO-8601: sorts as text in the order of the instants (the embedded database compares text). */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);


    private final ObjectMapper mapper;

    BridgeEventMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param e a consumed envelope
     * @return its write
     * @throws InvalidInputException when the event type is not one the adapter persists or its payload is not usable
     */
    BridgeWrite map(EventEnvelope e) {
        return map(null, e);
    }

    /**
     * @param consumedTopic the topic the event came from (decides what it is, {@link BridgeEventTypes}), or null
     * @param consumed a consumed envelope, in our shape or the Python services' ({@link ConsumedBridgeEvents})
     * @return its write
     * @throws InvalidInputException when the event type fits no row of its topic, is not one the adapter persists,
     *     or its payload is not usable
     */
    BridgeWrite map(String consumedTopic, EventEnvelope consumed) {
        EventEnvelope e = ConsumedBridgeEvents.read(consumedTopic, consumed, "the database adapter persists");
        return switch (e.eventType()) {
            case WorkflowEventFields.STAMP_WORKFLOW_STARTED -> workflowStarted(e);
            case WorkflowEventFields.STAMP_WORKFLOW_COMPLETED, WorkflowEventFields.STAMP_WORKFLOW_FAILED ->
                    workflowFinished(e);
            case WorkflowEventFields.WORKFLOW_STEP_COMPLETED -> step(e, text(e, WorkflowEventFields.STEP_NAME),
                    optText(e, WorkflowEventFields.STEP_STATUS, WorkflowEventFields.STATE_COMPLETED),
                    optLong(e, WorkflowEventFields.STEP_ORDER), optMillis(e, WorkflowEventFields.DURATION_MS),
                    optText(e, WorkflowEventFields.ERROR_MESSAGE, null));
            case WorkflowEventFields.WORKFLOW_STATE_TRANSITION -> transition(e, uuid(e, WorkflowEventFields.WORKFLOW_ID),
                    "workflow", optText(e, WorkflowEventFields.FROM_STATE, null), text(e, WorkflowEventFields.TO_STATE),
                    optText(e, WorkflowEventFields.TRANSITION_EVENT, null));
            case StampEventFields.STAMP_CREATED -> stamp(e);
            case StampEventFields.HASH_GENERATED -> step(e, stepName(e), WorkflowEventFields.STATE_COMPLETED, null,
                    optMillis(e, StampEventFields.HASH_DURATION_MS), null);
            case StampEventFields.INTELLIGENCE_REQUESTED -> step(e, stepName(e), "requested", null, null, null);
            case StampEventFields.INTELLIGENCE_RECEIVED -> step(e, stepName(e),
                    optText(e, StampEventFields.INTELLIGENCE_STATUS, "received"), null, null, null);
            case ReducerEventFields.AGGREGATION_COMPLETED -> aggregation(e);
            case ReducerEventFields.FSM_STATE_INITIALIZED, ReducerEventFields.FSM_STATE_TRANSITIONED ->
                    transition(e, fsmEntity(e),
                            optText(e, ReducerEventFields.ENTITY_TYPE, "aggregation"),
                            optText(e, ReducerEventFields.FROM_STATE, null), text(e, ReducerEventFields.TO_STATE),
                            optText(e, ReducerEventFields.TRANSITION_EVENT, null));
            case ReducerEventFields.AGGREGATION_STARTED, ReducerEventFields.BATCH_PROCESSED,
                    ReducerEventFields.STATE_PERSISTED, ReducerEventFields.AGGREGATION_FAILED ->
                    new BridgeWrite(e.eventId(), e.eventType(), RECORD_EVENT, null, null, null, ledger(e, json(e)));
            case EventTypes.NODE_INTROSPECTION -> introspection(e);
            case EventTypes.NODE_HEARTBEAT -> heartbeat(e);
            default -> throw new InvalidInputException("event_type '" + e.eventType()
                    + "' is not one the database adapter persists: expected a workflow, stamp, reducer, introspection"
                    + " or heartbeat event");
        };
    }

    private BridgeWrite workflowStarted(EventEnvelope e) {
        String at = time(e.timestamp());
        return write(e, PERSIST_WORKFLOW_EXECUTION, WriteKind.WORKFLOW_STARTED, null,
                uuid(e, WorkflowEventFields.WORKFLOW_ID), e.correlationId(),
                optText(e, WorkflowEventFields.WORKFLOW_TYPE, null),
                optText(e, WorkflowEventFields.WORKFLOW_STATE, WorkflowEventFields.STATE_PROCESSING),
                optText(e, WorkflowEventFields.NAMESPACE, null), at, json(e), at, at);
    }

    private BridgeWrite workflowFinished(EventEnvelope e) {
        boolean failed = e.eventType().equals(WorkflowEventFields.STAMP_WORKFLOW_FAILED);
        String at = time(e.timestamp());
        return write(e, PERSIST_WORKFLOW_EXECUTION, WriteKind.WORKFLOW_FINISHED, null,
                uuid(e, WorkflowEventFields.WORKFLOW_ID), e.correlationId(),
                optText(e, WorkflowEventFields.WORKFLOW_STATE,
                        failed ? WorkflowEventFields.STATE_FAILED : WorkflowEventFields.STATE_COMPLETED),
                optText(e, WorkflowEventFields.NAMESPACE, null), at, optMillis(e, WorkflowEventFields.DURATION_MS),
                failed ? optText(e, WorkflowEventFields.ERROR_MESSAGE, null) : null, at, at);
    }

    private BridgeWrite step(EventEnvelope e, String name, String status, Long order, Long durationMs, String error) {
        String workflowId = uuid(e, WorkflowEventFields.WORKFLOW_ID);
        return write(e, PERSIST_WORKFLOW_STEP, WriteKind.WORKFLOW_STEP, workflowId, eventUuid(e.eventId()),
                workflowId, name, order, status, durationMs, json(e), error, time(e.timestamp()));
    }

    /** Hash and intelligence events are steps of the stamping workflow, named after their event type. */
    private static String stepName(EventEnvelope e) {
        return e.eventType().toLowerCase(java.util.Locale.ROOT);
    }

    private BridgeWrite transition(EventEnvelope e, String entityId, String entityType, String from, String to,
            String event) {
        return write(e, PERSIST_FSM_TRANSITION, WriteKind.FSM_TRANSITION, null, eventUuid(e.eventId()), entityId,
                entityType, from, to, event, json(e), time(e.timestamp()));
    }

    /** The reducer's FSM entity is its window: the Python services' FSM events name only the aggregation id. */
    private static String fsmEntity(EventEnvelope e) {
        boolean ours = e.payload().get(ReducerEventFields.ENTITY_ID) != null;
        return ours || e.payload().get(ReducerEventFields.AGGREGATION_ID) == null
                ? text(e, ReducerEventFields.ENTITY_ID) : text(e, ReducerEventFields.AGGREGATION_ID);
    }

    private BridgeWrite stamp(EventEnvelope e) {
        String stampId = optUuid(e, StampEventFields.STAMP_ID);
        String workflowId = optUuid(e, StampEventFields.WORKFLOW_ID);
        return write(e, PERSIST_METADATA_STAMP, WriteKind.METADATA_STAMP, workflowId,
                stampId != null ? stampId : eventUuid(e.eventId()), workflowId, text(e, StampEventFields.FILE_HASH),
                json(e), optText(e, StampEventFields.NAMESPACE, null), time(e.timestamp()));
    }

    private BridgeWrite aggregation(EventEnvelope e) {
        // the Python services' AggregationEvent has neither: its metadata.source_node names the producing node
        String bridgeId = optText(e, ReducerEventFields.BRIDGE_ID,
                e.source() != null ? e.source().nodeId() : metadataText(e, ConsumedBridgeEvents.METADATA_SOURCE_NODE));
        if (bridgeId == null || bridgeId.isBlank()) {
            throw invalid(e, ReducerEventFields.BRIDGE_ID, "is missing and the envelope has neither source.node_id"
                    + " nor metadata.source_node: expected the reducer's bridge id");
        }
        // theirs counts the window's items in items_processed; ours counts the stamps apart from the workflow events
        Long items = optLong(e, ReducerEventFields.TOTAL_STAMPS);
        String at = time(e.timestamp());
        return new BridgeWrite(e.eventId(), e.eventType(), UPSERT_BRIDGE_STATE, WriteKind.BRIDGE_STATE, new Object[] {
                bridgeId, optText(e, ReducerEventFields.NAMESPACE, null),
                orZero(optLong(e, ReducerEventFields.TOTAL_WORKFLOWS)),
                orZero(items != null ? items : optLong(e, ReducerEventFields.ITEMS_PROCESSED)),
                orZero(optLong(e, ReducerEventFields.TOTAL_SIZE_BYTES)), json(e), at, 1L, at},
                null, ledger(e, null));
    }

    private BridgeWrite introspection(EventEnvelope e) {
        NodeIntrospection n;
        try {
            n = NodeIntrospection.fromPayload(e.payload());
        } catch (IllegalArgumentException bad) {
            throw new InvalidInputException(e.eventType() + ": " + bad.getMessage(), bad);
        }
        String at = time(e.timestamp());
        return write(e, UPDATE_NODE_REGISTRATION, WriteKind.NODE_INTROSPECTION, null, n.nodeId(),
                n.nodeType().wireName(), n.nodeVersion(), json(n.capabilities().toPayload()), json(n.endpoints()),
                json(n.metadata()), at, at, at);
    }

    private BridgeWrite heartbeat(EventEnvelope e) {
        NodeHeartbeat h;
        try {
            h = NodeHeartbeat.fromPayload(e.payload());
        } catch (IllegalArgumentException bad) {
            throw new InvalidInputException(e.eventType() + ": " + bad.getMessage(), bad);
        }
        String at = time(e.timestamp());
        return write(e, UPDATE_NODE_REGISTRATION, WriteKind.NODE_HEARTBEAT, null, h.nodeId(), h.nodeType().wireName(),
                h.healthStatus().wireName(), at, at);
    }

    private static BridgeWrite write(EventEnvelope e, BridgeOperation op, WriteKind kind, String placeholder,
            Object... values) {
        return new BridgeWrite(e.eventId(), e.eventType(), op, kind, values, placeholder, null);
    }

    private static BridgeWrite.LedgerEntry ledger(EventEnvelope e, String payloadJson) {
        return new BridgeWrite.LedgerEntry(e.eventId(), e.eventType(), e.correlationId(), time(e.timestamp()),
                payloadJson);
    }

    /**
     * Whether {@code s} is a UUID in its 8-4-4-4-12 hex form. By hand rather than by regular expression: it runs
     * two or three times per persisted event, and the regular expression was a tenth of the consumer thread.
     */
    static boolean isUuidText(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = (i == 8 || i == 13 || i == 18 || i == 23) ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The row id of an event's own row: the event id when it is a UUID, else a UUID derived from it. */
    static String eventUuid(String eventId) {
        if (isUuidText(eventId)) {
            return eventId.toLowerCase(java.util.Locale.ROOT);
        }
        return UUID.nameUUIDFromBytes(("onex-event:" + eventId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String time(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private String json(EventEnvelope e) {
        return json(e.payload());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new InvalidInputException("payload cannot be written as JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    private static String text(EventEnvelope e, String field) {
        String v = optText(e, field, null);
        if (v == null || v.isBlank()) {
            throw invalid(e, field, "is missing: expected a non-empty string");
        }
        return v;
    }

    private static String optText(EventEnvelope e, String field, String dflt) {
        Object v = e.payload().get(field);
        if (v == null) {
            return dflt;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw invalid(e, field, "is a " + kind(v) + ": expected a string");
    }

    private static String uuid(EventEnvelope e, String field) {
        String v = optUuid(e, field);
        if (v == null) {
            throw invalid(e, field, "is missing: expected a UUID");
        }
        return v;
    }

    private static String optUuid(EventEnvelope e, String field) {
        String v = optText(e, field, null);
        if (v == null) {
            return null;
        }
        if (!isUuidText(v)) {
            throw invalid(e, field, "is '" + abbreviate(v) + "': expected a UUID");
        }
        return v.toLowerCase(java.util.Locale.ROOT);
    }

    private static Long optLong(EventEnvelope e, String field) {
        Object v = e.payload().get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 9.0e15) {
            return n.longValue();
        }
        throw invalid(e, field, "is " + (v instanceof String s ? "'" + abbreviate(s) + "'" : "a " + kind(v))
                + ": expected a whole number");
    }

    /**
     * A duration in milliseconds, rounded to a whole one: producers may write fractions (our hash step writes
     * {@code 0.42}; Python services write floats), the columns hold whole milliseconds.
     */
    private static Long optMillis(EventEnvelope e, String field) {
        Object v = e.payload().get(field);
        if (v instanceof Number n && !(v instanceof Integer || v instanceof Long || v instanceof Short)) {
            double d = n.doubleValue();
            if (Double.isFinite(d) && d >= 0 && d < 9.0e15) {
                return Math.round(d);
            }
            throw invalid(e, field, "is " + n + ": expected a duration in milliseconds (0 or more)");
        }
        return optLong(e, field);
    }

    private static String metadataText(EventEnvelope e, String field) {
        Object v = e.metadata().get(field);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    private static long orZero(Long v) {
        return v == null ? 0L : v;
    }

    private static InvalidInputException invalid(EventEnvelope e, String field, String problem) {
        return new InvalidInputException(e.eventType() + " payload." + field + " " + problem);
    }

    private static String kind(Object v) {
        return v instanceof Map ? "JSON object" : v instanceof java.util.List ? "JSON array" : v.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
