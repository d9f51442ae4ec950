package io.onex.runtime.introspection;

import io.onex.api.InvalidInputException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed reads of one decoded payload map, each failure naming the payload, the field path and what was expected:
 * {@code node-heartbeat payload field 'resource_usage.memory_mb' is a string: expected a number}.
 *
 * <p>Accepts what Jackson produces from JSON (any {@link Number} subtype, lists, maps) and what {@code toPayload}
 * produces in memory, so a payload reads the same before and after crossing the wire.
 */
final class PayloadReader {

    private final String payloadName;
    private final String path;
    private final Map<?, ?> map;

    PayloadReader(String payloadName, Map<String, ?> payload) {
        this(payloadName, "", payload == null ? Map.of() : payload);
    }

    private PayloadReader(String payloadName, String path, Map<?, ?> map) {
        this.payloadName = payloadName;
        this.path = path;
        this.map = map;
    }

    /** A reader of a nested object; an absent or null field reads as an empty object. */
    PayloadReader nested(String field) {
        return new PayloadReader(payloadName, path + field + ".", objectValue(field));
    }

    String text(String field) {
        Object v = required(field, "a string");
        if (!(v instanceof String s)) {
            throw wrongType(field, v, "a string");
        }
        return s;
    }

    String textOr(String field, String fallback) {
        return map.get(field) == null ? fallback : text(field);
    }

    long wholeNumberOr(String field, long fallback) {
        return map.get(field) == null ? fallback : wholeNumber(field);
    }

    long wholeNumber(String field) {
        Object v = required(field, "an integer");
        if (!(v instanceof Number n)) {
            throw wrongType(field, v, "an integer");
        }
        return n.longValue();
    }

    BigDecimal decimalOr(String field, BigDecimal fallback) {
        Object v = map.get(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw wrongType(field, v, "a number");
        }
        return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
    }

    <E> E enumValue(String field, Function<String, E> parser) {
        String text = text(field);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where(field) + ": " + e.getMessage());
        }
    }

    /** Epoch seconds with a fraction (as written), or an ISO-8601 string (as some Python services write). */
    Instant instantOr(String field, Instant fallback) {
        Object v = map.get(field);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return fromEpochSeconds(n instanceof BigDecimal d ? d : new BigDecimal(n.toString()));
        }
        if (v instanceof String s) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e2) {
                    throw new InvalidInputException(where(field) + " is '" + s
                            + "': expected epoch seconds or an ISO-8601 string");
                }
            }
        }
        throw wrongType(field, v, "epoch seconds or an ISO-8601 string");
    }

    /** A list of strings; absent or null reads as empty. */
    List<String> textList(String field) {
        Object v = map.get(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw wrongType(field, v, "a list of strings");
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw wrongType(field + "[" + i + "]", list.get(i), "a string");
            }
            out.add(s);
        }
        return out;
    }

    /** An object of free values; absent or null reads as empty. */
    Map<String, Object> object(String field) {
        Map<String, Object> out = new LinkedHashMap<>();
        objectValue(field).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** An object whose values are strings; absent or null reads as empty. */
    Map<String, String> textMap(String field) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : objectValue(field).entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw wrongType(field + "." + e.getKey(), e.getValue(), "a string");
            }
            out.put(String.valueOf(e.getKey()), s);
        }
        return out;
    }

    InvalidInputException invalid(String field, String problem) {
        return new InvalidInputException(where(field) + " " + problem);
    }

    static BigDecimal epochSeconds(Instant t) {
        // micro precision, like the envelope's timestamp: what Python's time.time() round-trips
        BigDecimal secs = BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano() / 1000, 6))
                .stripTrailingZeros();
        // stripTrailingZeros turns whole seconds into 170144648E+1, which Jackson would write in E notation
        return secs.scale() < 0 ? secs.setScale(0) : secs;
    }

    private static Instant fromEpochSeconds(BigDecimal secs) {
        long whole = secs.longValue();
        long nanos = secs.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    private Map<?, ?> objectValue(String field) {
        Object v = map.get(field);
        if (v == null) {
            return Collections.emptyMap();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw wrongType(field, v, "an object");
        }
        return m;
    }

    private Object required(String field, String expected) {
        Object v = map.get(field);
        if (v == null) {
            throw new InvalidInputException(where(field) + " is missing: expected " + expected);
        }
        return v;
    }

    private InvalidInputException wrongType(String field, Object value, String expected) {
        return new InvalidInputException(where(field) + " is " + jsonType(value) + ": expected " + expected);
    }

    private String where(String field) {
        return payloadName + " payload field '" + path + field + "'";
    }

    private static String jsonType(Object v) {
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof Map) {
            return "an object";
        }
        return v == null ? "null" : "a " + v.getClass().getSimpleName();
    }
}
