package io.onex.nodes.agentlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns an agent intelligence event into the row of its table. The topic is told by the event type (the node sees
 * the envelope, not the record's topic); the payload's fields fill the columns. A payload the topic's schema accepts
 * always maps; anything else (an event called without the record handler's schema check) is refused with an
 * {@link InvalidInputException} naming the field, so it goes to the DLQ.
 */
final class AgentEventMapper {

    /** How timestamps are stored: fixed-width UTC ISO-8601, which sorts like the instants (text on SQLite). */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String EXPECTED_TYPES = String.join(", ",
            Arrays.stream(AgentTopic.values()).map(AgentTopic::eventType).toList());

    private final ObjectMapper json;

    AgentEventMapper(ObjectMapper json) {
        this.json = json;
    }

    AgentRow map(EventEnvelope e) {
        AgentTopic topic = AgentTopic.ofEventType(e.eventType()).orElseThrow(() -> new InvalidInputException(
                "event " + e.eventId() + ": event_type '" + e.eventType() + "' is no agent intelligence event,"
                        + " expected one of " + EXPECTED_TYPES));
        try {
            UUID.fromString(e.eventId());
        } catch (IllegalArgumentException notUuid) {
            throw new InvalidInputException(topic.eventType() + " event: event_id '" + e.eventId()
                    + "' is not a UUID");
        }
        List<AgentColumn> columns = topic.columns();
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(topic, e, columns.get(i));
        }
        return new AgentRow(topic, e.eventId(), e.correlationId(), e.eventType(),
                e.source() == null ? null : e.source().nodeId(), time(e.timestamp()), values);
    }

    static String time(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private Object value(AgentTopic topic, EventEnvelope e, AgentColumn c) {
        Object v = e.payload().get(c.name());
        if (v == null) {
            if (c.required()) {
                throw refused(topic, e, c, "is required but missing");
            }
            return null;
        }
        return switch (c.type()) {
            case TEXT -> v instanceof String s ? s : refusedType(topic, e, c, "a string", v);
            case NUMBER -> v instanceof Number n ? (Object) n.doubleValue() : refusedType(topic, e, c, "a number", v);
            case INTEGER -> v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    ? (Object) n.longValue() : refusedType(topic, e, c, "a whole number", v);
            case BOOLEAN -> v instanceof Boolean b ? b : refusedType(topic, e, c, "true or false", v);
            case JSON -> json(topic, e, c, v);
        };
    }

    private String json(AgentTopic topic, EventEnvelope e, AgentColumn c, Object v) {
        try {
            return json.writeValueAsString(v);
        } catch (JsonProcessingException bad) {
            throw refused(topic, e, c, "cannot be written as JSON: " + bad.getOriginalMessage());
        }
    }

    private static Object refusedType(AgentTopic topic, EventEnvelope e, AgentColumn c, String expected, Object v) {
        String kind = v instanceof Map ? "an object" : v instanceof List ? "an array" : v instanceof String
                ? "a string" : v instanceof Boolean ? "a boolean" : v instanceof Number ? "the number " + v
                : v.getClass().getSimpleName();
        throw refused(topic, e, c, "must be " + expected + ", but was " + kind);
    }

    private static InvalidInputException refused(AgentTopic topic, EventEnvelope e, AgentColumn c, String problem) {
        return new InvalidInputException(topic.eventType() + " event " + e.eventId() + ": payload field '"
                + c.name() + "' " + problem);
    }
}
