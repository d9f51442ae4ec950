package io.onex.nodes.reducer;

import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.api.bridge.BridgeEventTypes;
import io.onex.api.bridge.ConsumedBridgeEvents;
import io.onex.api.bridge.StampEventFields;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.util.Map;

/**
 * One consumed event, reduced to what the aggregation needs. Read once at the edge: a payload without the fields the
 * reducer needs fails with {@link InvalidInputException} naming the field and what was expected (not retried,
 * dead-lettered).
 *
 * @param eventId the envelope's {@code event_id}: the dedupe key
 * @param kind what the event says happened
 * @param namespace the stamp's namespace; for a workflow event the payload's {@code namespace} if it has one, else null
 * @param workflowId the workflow run; null when a stamp does not name one
 * @param sizeBytes the stamp's {@code file_size_bytes} (0 for workflow events)
 * @param fileType the stamp's {@code file_type}, or null
 * @param workflowType a workflow event's {@code workflow_type}, or null
 */
record ReducerIntent(String eventId, Kind kind, String namespace, String workflowId, long sizeBytes, String fileType,
        String workflowType) {

    enum Kind { STAMP_CREATED, WORKFLOW_COMPLETED, WORKFLOW_FAILED }

    static ReducerIntent from(EventEnvelope event) {
        return from(null, event);
    }

    /**
     * @param consumedTopic the topic the event came from: it decides what the event is ({@link BridgeEventTypes}),
     *     or null for a direct call
     * @param consumed the event, in our shape or the Python services' ({@link ConsumedBridgeEvents})
     */
    static ReducerIntent from(String consumedTopic, EventEnvelope consumed) {
        EventEnvelope event = ConsumedBridgeEvents.read(consumedTopic, consumed, "the reducer aggregates");
        String type = event.eventType();
        Map<String, Object> p = event.payload();
        String where = type + " event " + event.eventId() + ": payload.";
        if (StampEventFields.STAMP_CREATED.equals(type)) {
            String namespace = requiredText(p, StampEventFields.NAMESPACE, where);
            long size = size(p.get(StampEventFields.FILE_SIZE_BYTES), where);
            return new ReducerIntent(event.eventId(), Kind.STAMP_CREATED, namespace,
                    optionalText(p, StampEventFields.WORKFLOW_ID, where), size,
                    optionalText(p, StampEventFields.FILE_TYPE, where), null);
        }
        Kind kind;
        if (WorkflowEventFields.STAMP_WORKFLOW_COMPLETED.equals(type)) {
            kind = Kind.WORKFLOW_COMPLETED;
        } else if (WorkflowEventFields.STAMP_WORKFLOW_FAILED.equals(type)) {
            kind = Kind.WORKFLOW_FAILED;
        } else {
            throw new InvalidInputException("event " + event.eventId() + ": event_type is '" + type + "', expected "
                    + StampEventFields.STAMP_CREATED + ", " + WorkflowEventFields.STAMP_WORKFLOW_COMPLETED + " or "
                    + WorkflowEventFields.STAMP_WORKFLOW_FAILED);
        }
        return new ReducerIntent(event.eventId(), kind, optionalText(p, WorkflowEventFields.NAMESPACE, where),
                requiredText(p, WorkflowEventFields.WORKFLOW_ID, where), 0, null,
                optionalText(p, WorkflowEventFields.WORKFLOW_TYPE, where));
    }

    private static String requiredText(Map<String, Object> p, String field, String where) {
        String v = optionalText(p, field, where);
        if (v == null) {
            throw new InvalidInputException(where + field + " is missing: expected a non-empty string");
        }
        return v;
    }

    private static String optionalText(Map<String, Object> p, String field, String where) {
        Object v = p.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new InvalidInputException(where + field + " must be a non-empty string, but was " + shown(v));
        }
        return s;
    }

    private static long size(Object v, String where) {
        String field = StampEventFields.FILE_SIZE_BYTES;
        if (v == null) {
            throw new InvalidInputException(where + field + " is missing: expected a non-negative integer");
        }
        if (!(v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof java.math.BigInteger)
                || ((Number) v).longValue() < 0) {
            throw new InvalidInputException(where + field + " must be a non-negative integer, but was " + shown(v));
        }
        return ((Number) v).longValue();
    }

    private static String shown(Object v) {
        String s = v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
