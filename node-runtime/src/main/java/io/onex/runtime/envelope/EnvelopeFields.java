package io.onex.runtime.envelope;

import io.onex.api.InvalidInputException;
import java.util.List;
import java.util.Map;

/**
 * The envelope's fields checked for the JSON kind they must have, from the values {@link EnvelopeReader} read: a
 * string, number or boolean as Jackson reads them into plain Java values, null when absent or null, and for an object
 * or array whose content does not matter, {@link #AN_OBJECT} or {@link #AN_ARRAY}. A wrong or missing one is an
 * {@link InvalidInputException} naming the field, what it is and what was expected.
 */
final class EnvelopeFields {

    /** Stands for an object value where only its kind matters. */
    static final Object AN_OBJECT = Map.of();
    /** Stands for an array value where only its kind matters. */
    static final Object AN_ARRAY = List.of();

    private EnvelopeFields() {
    }

    static String requiredText(String field, Object v) {
        if (v == null) {
            throw new InvalidInputException("envelope field '" + field + "' is missing: expected a string");
        }
        if (!(v instanceof String s)) {
            throw new InvalidInputException("envelope field '" + field + "' is " + kind(v) + ": expected a string");
        }
        return s;
    }

    static String optionalText(Object v) {
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

    /**
     * @param v the field's value: a map when it was an object, else its plain value or kind marker
     * @return the object, or an empty map when absent or null
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String field, Object v) {
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw new InvalidInputException("envelope field '" + field + "' is " + kind(v) + ": expected an object");
        }
        return (Map<String, Object>) v;
    }
}
