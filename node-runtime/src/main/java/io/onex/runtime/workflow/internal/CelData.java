package io.onex.runtime.workflow.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between the data workflows pass around (JSON-like Java values, node results) and the values CEL reads:
 * CEL knows 64-bit integers, doubles, strings, booleans, lists, string-keyed maps and its own null. Data is
 * converted when it enters a run (inputs, each step's output), so expressions never see a Java object: there is
 * nothing for them to call.
 */
public final class CelData {

    private CelData() {
    }

    /**
     * Data for CEL.
     *
     * @param value a JSON-like value, or any object Jackson can turn into one (a node's result record)
     * @param mapper converts objects that are not JSON-like already
     * @return maps, lists, Long, Double, String, Boolean or CEL's null
     */
    public static Object of(Object value, ObjectMapper mapper) {
        if (value == null || value instanceof NullValue) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        if (value instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), of(e.getValue(), mapper));
            }
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(of(o, mapper));
            }
            return out;
        }
        if (value instanceof CharSequence || value instanceof Enum<?> || value instanceof java.util.UUID) {
            return value.toString();
        }
        // a record or bean: its JSON form, as a consumer of the node's events would see it
        return of(mapper.convertValue(value, Object.class), mapper);
    }

    /**
     * Plain Java data from a CEL result: CEL's null becomes null, everything else keeps its shape.
     *
     * @param value a CEL result
     * @return maps, lists, Long, Double, String, Boolean or null
     */
    public static Object plain(Object value) {
        if (value == null || value instanceof NullValue) {
            return null;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), plain(e.getValue()));
            }
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(plain(o));
            }
            return out;
        }
        if (value instanceof com.google.common.primitives.UnsignedLong u) {
            return u.longValue();
        }
        return value;
    }
}
