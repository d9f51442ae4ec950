package io.onex.nodes.seed;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps(obj).encode()} with its defaults, for records written as the Python services write
 * them: separators {@code ", "} and {@code ": "}, keys in insertion order, {@code ensure_ascii} (every non-ASCII
 * character as a {@code \\uXXXX} escape), {@code true}/{@code false}/{@code null}, floats as Python prints them.
 */
public final class PythonJson {

    private PythonJson() {
    }

    public static byte[] dumps(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void write(StringBuilder out, Object v) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(out, s);
        } else if (v instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (v instanceof Double d) {
            out.append(d == Math.rint(d) && Math.abs(d) < 1e16 ? String.format("%.1f", d) : Double.toString(d));
        } else if (v instanceof Number n) {
            out.append(n);
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.append(sep);
                string(out, String.valueOf(e.getKey()));
                out.append(": ");
                write(out, e.getValue());
                sep = ", ";
            }
            out.append('}');
        } else if (v instanceof List<?> l) {
            out.append('[');
            String sep = "";
            for (Object o : l) {
                out.append(sep);
                write(out, o);
                sep = ", ";
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not JSON: " + v.getClass());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
