package io.onex.nodes.dbadapter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.InvalidInputException;
import io.onex.api.RawJsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The payload fields of one bridge event as the database adapter reads them: each checked for the shape its column
 * needs, a wrong one an {@link InvalidInputException} naming the event type, the field and what was expected.
 *
 * <p>A payload still kept as its JSON text ({@link RawJsonObject}, as consumed) is read in one pass of a streaming
 * parser over its top-level members, scalars only (an object or array member is noted by its kind, never read), and
 * its text is the JSON the adapter stores: no map is read, and none is written back to text.
 */
final class BridgePayload {

    private static final Object AN_OBJECT = Map.of();
    private static final Object AN_ARRAY = List.of();

    private final String eventType;
    private final Map<String, Object> map;
    private final String[] names;
    private final Object[] values;
    private final int size;
    private final RawJsonObject raw;

    private BridgePayload(String eventType, Map<String, Object> map, String[] names, Object[] values, int size,
            RawJsonObject raw) {
        this.eventType = eventType;
        this.map = map;
        this.names = names;
        this.values = values;
        this.size = size;
        this.raw = raw;
    }

    /**
     * @param eventType the event type, for messages
     * @param payload the envelope's payload
     * @param mapper writes a payload map as JSON, and says how numbers read
     */
    static BridgePayload of(String eventType, Map<String, Object> payload, ObjectMapper mapper) {
        if (payload instanceof RawJsonObject raw && !raw.isRead()) {
            return scan(eventType, raw, mapper);
        }
        return new BridgePayload(eventType, payload, null, null, 0, null);
    }

    private static BridgePayload scan(String eventType, RawJsonObject raw, ObjectMapper mapper) {
        boolean bigDecimals = mapper.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        List<String> names = new ArrayList<>(16);
        List<Object> values = new ArrayList<>(16);
        try (JsonParser p = mapper.createParser(raw.toJsonBytes())) {
            p.nextToken();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                names.add(p.currentName());
                values.add(switch (p.nextToken()) {
                    case VALUE_STRING -> p.getText();
                    case VALUE_NUMBER_INT -> p.getNumberValue();
                    case VALUE_NUMBER_FLOAT -> bigDecimals ? p.getDecimalValue() : p.getDoubleValue();
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    case START_OBJECT -> skipped(p, AN_OBJECT);
                    case START_ARRAY -> skipped(p, AN_ARRAY);
                    default -> null;
                });
            }
        } catch (IOException e) {
            // the codec parsed this text when it decoded the envelope: only the mapper's limits can refuse it here
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new InvalidInputException(eventType + " payload cannot be read: " + reason, e);
        }
        return new BridgePayload(eventType, null, names.toArray(new String[0]), values.toArray(), names.size(), raw);
    }

    private static Object skipped(JsonParser p, Object kind) throws IOException {
        p.skipChildren();
        return kind;
    }

    /** A member's value (a scalar, or a map or list whose content is not read), or null when absent or null. */
    Object get(String field) {
        if (map != null) {
            return map.get(field);
        }
        for (int i = size - 1; i >= 0; i--) { // the last of duplicate members wins, as in a map
            if (names[i].equals(field)) {
                return values[i];
            }
        }
        return null;
    }

    /** The payload as JSON text: as it came when consumed, else as the mapper writes it. */
    String json(ObjectMapper mapper) {
        if (raw != null) {
            return raw.toJsonString();
        }
        try {
            return mapper.writeValueAsString(map);
        } catch (JsonProcessingException ex) {
            throw new InvalidInputException("payload cannot be written as JSON: " + ex.getOriginalMessage(), ex);
        }
    }

    String text(String field) {
        String v = optText(field, null);
        if (v == null || v.isBlank()) {
            throw invalid(field, "is missing: expected a non-empty string");
        }
        return v;
    }

    String optText(String field, String dflt) {
        Object v = get(field);
        if (v == null) {
            return dflt;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw invalid(field, "is a " + kind(v) + ": expected a string");
    }

    String uuid(String field) {
        String v = optUuid(field);
        if (v == null) {
            throw invalid(field, "is missing: expected a UUID");
        }
        return v;
    }

    String optUuid(String field) {
        String v = optText(field, null);
        if (v == null) {
            return null;
        }
        if (!BridgeEventMapper.isUuidText(v)) {
            throw invalid(field, "is '" + abbreviate(v) + "': expected a UUID");
        }
        return v.toLowerCase(Locale.ROOT);
    }

    Long optLong(String field) {
        Object v = get(field);
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
        throw invalid(field, "is " + (v instanceof String s ? "'" + abbreviate(s) + "'" : "a " + kind(v))
                + ": expected a whole number");
    }

    /**
     * A duration in milliseconds, rounded to a whole one: producers may write fractions (our hash step writes
     * {@code 0.42}; Python services write floats), the columns hold whole milliseconds.
     */
    Long optMillis(String field) {
        Object v = get(field);
        if (v instanceof Number n && !(v instanceof Integer || v instanceof Long || v instanceof Short)) {
            double d = n.doubleValue();
            if (Double.isFinite(d) && d >= 0 && d < 9.0e15) {
                return Math.round(d);
            }
            throw invalid(field, "is " + n + ": expected a duration in milliseconds (0 or more)");
        }
        return optLong(field);
    }

    InvalidInputException invalid(String field, String problem) {
        return new InvalidInputException(eventType + " payload." + field + " " + problem);
    }

    private static String kind(Object v) {
        return v instanceof Map ? "JSON object" : v instanceof List ? "JSON array" : v.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
