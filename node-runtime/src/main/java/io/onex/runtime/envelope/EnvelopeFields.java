package io.onex.runtime.envelope;

import io.onex.api.EventSource;
import io.onex.api.InvalidInputException;
import java.util.List;
import java.util.Map;

/**
 * The envelope's fields read from plain Java values (a JSON object read into maps and lists), each checked for the
 * JSON kind it must have; a wrong or missing one is an {@link InvalidInputException} naming the field, what it is and
 * what was expected.
 */
final class EnvelopeFields {

    private EnvelopeFields() {
    }

    static String requiredText(Map<String, Object> o, String field) {
        Object v = o.get(field);
        if (v == null) {
            throw new InvalidInputException("envelope field '" + field + "' is missing: expected a string");
        }
        if (!(v instanceof String s)) {
            throw new InvalidInputException("envelope field '" + field + "' is " + kind(v) + ": expected a string");
        }
        return s;
    }

    static String optionalText(Map<String, Object> o, String field) {
        Object v = o.get(field);
        return v == null ? null : text(v);
    }

    /** A scalar's JSON text (as Jackson's {@code asText}); an object or array has none. */
    static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        return v instanceof Map || v instanceof List ? "" : v.toString();
    }

    /** The JSON kind of a value read into plain Java values, as error messages name it. */
    static String kind(Object v) {
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        return v instanceof List ? "array" : "object";
    }

    static EventSource source(Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new InvalidInputException("envelope field 'source' is not an object: expected {service, node_type, node_id}");
        }
        return new EventSource(sourceField(m, "service"), sourceField(m, "node_type"), sourceField(m, "node_id"));
    }

    private static String sourceField(Map<?, ?> m, String name) {
        Object v = m.get(name);
        return v == null ? "" : text(v);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> o, String field) {
        Object v = o.get(field);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw new InvalidInputException("envelope field '" + field + "' is " + kind(v) + ": expected an object");
        }
        return (Map<String, Object>) v;
    }
}
