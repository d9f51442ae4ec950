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
import java.time.LocalDate;
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
    /** Epoch seconds of 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: {@link #time}'s own formatting in between. */
    private static final long YEAR_0 = -62_167_219_200L;
    private static final long YEAR_10000 = 253_402_300_800L;

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
        BridgePayload p = BridgePayload.of(e.eventType(), e.payload(), mapper);
        return switch (e.eventType()) {
            case WorkflowEventFields.STAMP_WORKFLOW_STARTED -> workflowStarted(e, p);
            case WorkflowEventFields.STAMP_WORKFLOW_COMPLETED, WorkflowEventFields.STAMP_WORKFLOW_FAILED ->
                    workflowFinished(e, p);
            case WorkflowEventFields.WORKFLOW_STEP_COMPLETED -> step(e, p, p.text(WorkflowEventFields.STEP_NAME),
                    p.optText(WorkflowEventFields.STEP_STATUS, WorkflowEventFields.STATE_COMPLETED),
                    p.optLong(WorkflowEventFields.STEP_ORDER), p.optMillis(WorkflowEventFields.DURATION_MS),
                    p.optText(WorkflowEventFields.ERROR_MESSAGE, null));
            case WorkflowEventFields.WORKFLOW_STATE_TRANSITION -> transition(e, p, p.uuid(WorkflowEventFields.WORKFLOW_ID),
                    "workflow", p.optText(WorkflowEventFields.FROM_STATE, null), p.text(WorkflowEventFields.TO_STATE),
                    p.optText(WorkflowEventFields.TRANSITION_EVENT, null));
            case StampEventFields.STAMP_CREATED -> stamp(e, p);
            case StampEventFields.HASH_GENERATED -> step(e, p, stepName(e), WorkflowEventFields.STATE_COMPLETED, null,
                    p.optMillis(StampEventFields.HASH_DURATION_MS), null);
            case StampEventFields.INTELLIGENCE_REQUESTED -> step(e, p, stepName(e), "requested", null, null, null);
            case StampEventFields.INTELLIGENCE_RECEIVED -> step(e, p, stepName(e),
                    p.optText(StampEventFields.INTELLIGENCE_STATUS, "received"), null, null, null);
            case ReducerEventFields.AGGREGATION_COMPLETED -> aggregation(e, p);
            case ReducerEventFields.FSM_STATE_INITIALIZED, ReducerEventFields.FSM_STATE_TRANSITIONED ->
                    transition(e, p, fsmEntity(p),
                            p.optText(ReducerEventFields.ENTITY_TYPE, "aggregation"),
                            p.optText(ReducerEventFields.FROM_STATE, null), p.text(ReducerEventFields.TO_STATE),
                            p.optText(ReducerEventFields.TRANSITION_EVENT, null));
            case ReducerEventFields.AGGREGATION_STARTED, ReducerEventFields.BATCH_PROCESSED,
                    ReducerEventFields.STATE_PERSISTED, ReducerEventFields.AGGREGATION_FAILED ->
                    new BridgeWrite(e.eventId(), e.eventType(), RECORD_EVENT, null, null, null,
                            ledger(e, p.json(mapper)));
            case EventTypes.NODE_INTROSPECTION -> introspection(e);
            case EventTypes.NODE_HEARTBEAT -> heartbeat(e);
            default -> throw new InvalidInputException("event_type '" + e.eventType()
                    + "' is not one the database adapter persists: expected a workflow, stamp, reducer, introspection"
                    + " or heartbeat event");
        };
    }

    private BridgeWrite workflowStarted(EventEnvelope e, BridgePayload p) {
        String at = time(e.timestamp());
        return write(e, PERSIST_WORKFLOW_EXECUTION, WriteKind.WORKFLOW_STARTED, null,
                p.uuid(WorkflowEventFields.WORKFLOW_ID), e.correlationId(),
                p.optText(WorkflowEventFields.WORKFLOW_TYPE, null),
                p.optText(WorkflowEventFields.WORKFLOW_STATE, WorkflowEventFields.STATE_PROCESSING),
                p.optText(WorkflowEventFields.NAMESPACE, null), at, p.json(mapper), at, at);
    }

    private BridgeWrite workflowFinished(EventEnvelope e, BridgePayload p) {
        boolean failed = e.eventType().equals(WorkflowEventFields.STAMP_WORKFLOW_FAILED);
        String at = time(e.timestamp());
        return write(e, PERSIST_WORKFLOW_EXECUTION, WriteKind.WORKFLOW_FINISHED, null,
                p.uuid(WorkflowEventFields.WORKFLOW_ID), e.correlationId(),
                p.optText(WorkflowEventFields.WORKFLOW_STATE,
                        failed ? WorkflowEventFields.STATE_FAILED : WorkflowEventFields.STATE_COMPLETED),
                p.optText(WorkflowEventFields.NAMESPACE, null), at, p.optMillis(WorkflowEventFields.DURATION_MS),
                failed ? p.optText(WorkflowEventFields.ERROR_MESSAGE, null) : null, at, at);
    }

    private BridgeWrite step(EventEnvelope e, BridgePayload p, String name, String status, Long order,
            Long durationMs, String error) {
        String workflowId = p.uuid(WorkflowEventFields.WORKFLOW_ID);
        return write(e, PERSIST_WORKFLOW_STEP, WriteKind.WORKFLOW_STEP, workflowId, eventUuid(e.eventId()),
                workflowId, name, order, status, durationMs, p.json(mapper), error, time(e.timestamp()));
    }

    /** Hash and intelligence events are steps of the stamping workflow, named after their event type. */
    private static String stepName(EventEnvelope e) {
        return e.eventType().toLowerCase(java.util.Locale.ROOT);
    }

    private BridgeWrite transition(EventEnvelope e, BridgePayload p, String entityId, String entityType, String from,
            String to, String event) {
        return write(e, PERSIST_FSM_TRANSITION, WriteKind.FSM_TRANSITION, null, eventUuid(e.eventId()), entityId,
                entityType, from, to, event, p.json(mapper), time(e.timestamp()));
    }

    /** The reducer's FSM entity is its window: the Python services' FSM events name only the aggregation id. */
    private static String fsmEntity(BridgePayload p) {
        boolean ours = p.get(ReducerEventFields.ENTITY_ID) != null;
        return ours || p.get(ReducerEventFields.AGGREGATION_ID) == null
                ? p.text(ReducerEventFields.ENTITY_ID) : p.text(ReducerEventFields.AGGREGATION_ID);
    }

    private BridgeWrite stamp(EventEnvelope e, BridgePayload p) {
        String stampId = p.optUuid(StampEventFields.STAMP_ID);
        String workflowId = p.optUuid(StampEventFields.WORKFLOW_ID);
        return write(e, PERSIST_METADATA_STAMP, WriteKind.METADATA_STAMP, workflowId,
                stampId != null ? stampId : eventUuid(e.eventId()), workflowId, p.text(StampEventFields.FILE_HASH),
                p.json(mapper), p.optText(StampEventFields.NAMESPACE, null), time(e.timestamp()));
    }

    private BridgeWrite aggregation(EventEnvelope e, BridgePayload p) {
        // the Python services' AggregationEvent has neither: its metadata.source_node names the producing node
        String bridgeId = p.optText(ReducerEventFields.BRIDGE_ID,
                e.source() != null ? e.source().nodeId() : metadataText(e, ConsumedBridgeEvents.METADATA_SOURCE_NODE));
        if (bridgeId == null || bridgeId.isBlank()) {
            throw p.invalid(ReducerEventFields.BRIDGE_ID, "is missing and the envelope has neither source.node_id"
                    + " nor metadata.source_node: expected the reducer's bridge id");
        }
        // theirs counts the window's items in items_processed; ours counts the stamps apart from the workflow events
        Long items = p.optLong(ReducerEventFields.TOTAL_STAMPS);
        String at = time(e.timestamp());
        return new BridgeWrite(e.eventId(), e.eventType(), UPSERT_BRIDGE_STATE, WriteKind.BRIDGE_STATE, new Object[] {
                bridgeId, p.optText(ReducerEventFields.NAMESPACE, null),
                orZero(p.optLong(ReducerEventFields.TOTAL_WORKFLOWS)),
                orZero(items != null ? items : p.optLong(ReducerEventFields.ITEMS_PROCESSED)),
                orZero(p.optLong(ReducerEventFields.TOTAL_SIZE_BYTES)), p.json(mapper), at, 1L, at},
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

    /**
     * {@link #TIMESTAMP}'s text of an instant. By hand for the years 0 to 9999: it runs once or twice per persisted
     * event, and the formatter was a twentieth of the consumer thread.
     */
    static String time(Instant instant) {
        long secs = instant.getEpochSecond();
        if (secs < YEAR_0 || secs >= YEAR_10000) {
            return TIMESTAMP.format(instant);
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(secs, 86_400));
        int year = date.getYear();
        int secondOfDay = (int) Math.floorMod(secs, 86_400);
        byte[] t = new byte[27];
        digits(t, 0, year, 4);
        t[4] = '-';
        digits(t, 5, date.getMonthValue(), 2);
        t[7] = '-';
        digits(t, 8, date.getDayOfMonth(), 2);
        t[10] = 'T';
        digits(t, 11, secondOfDay / 3600, 2);
        t[13] = ':';
        digits(t, 14, secondOfDay / 60 % 60, 2);
        t[16] = ':';
        digits(t, 17, secondOfDay % 60, 2);
        t[19] = '.';
        digits(t, 20, instant.getNano() / 1000, 6);
        t[26] = 'Z';
        return new String(t, StandardCharsets.US_ASCII);
    }

    private static void digits(byte[] t, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            t[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new InvalidInputException("payload cannot be written as JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    private static String metadataText(EventEnvelope e, String field) {
        Object v = e.metadata().get(field);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    private static long orZero(Long v) {
        return v == null ? 0L : v;
    }
}
