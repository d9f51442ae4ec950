package io.onex.runtime.workflow.internal;

import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds to CEL's "key 'x' is not present in map" the keys that are present, so a misspelled field of a step's result
 * (one whose node declares no outputs, hence not caught at load time) is found at once.
 */
final class MissingKeys {

    private static final Pattern MISSING = Pattern.compile("key '([^']+)' is not present in map");
    private static final Pattern EXPRESSION = Pattern.compile("expression '\\$\\{(.*)}' failed: ", Pattern.DOTALL);

    private MissingKeys() {
    }

    /**
     * @param message an expression failure's message
     * @param vars the scope the expression was evaluated with
     * @return the message, followed by the keys present where it read a missing one (when that can be told)
     */
    static String explain(String message, Map<String, Object> vars) {
        Matcher missing = MISSING.matcher(message);
        Matcher expression = EXPRESSION.matcher(message);
        if (!missing.find() || !expression.find()) {
            return message;
        }
        String key = missing.group(1);
        Pattern read = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*)*)\\." + Pattern.quote(key)
                + "(?!\\w)");
        Matcher m = read.matcher(expression.group(1));
        while (m.find()) {
            Object value = walk(vars, m.group(1).split("\\."));
            if (value instanceof Map<?, ?> map && !map.containsKey(key)) {
                TreeSet<String> present = new TreeSet<>();
                map.keySet().forEach(k -> present.add(String.valueOf(k)));
                String stem = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
                return stem + "; " + m.group(1) + " has " + (present.isEmpty() ? "no keys"
                        : "the keys " + String.join(", ", present));
            }
        }
        return message;
    }

    private static Object walk(Map<String, Object> vars, String[] path) {
        Object value = vars.get(path[0]);
        for (int i = 1; i < path.length && value != null; i++) {
            value = value instanceof Map<?, ?> map ? map.get(path[i]) : null;
        }
        return value;
    }
}
