package io.onex.nodes.orchestrator;

import io.onex.api.contract.NodeContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one node's {@code config:} section: unknown keys rejected, every problem collected and reported together,
 * each naming the contract file, the key, the value and what was expected.
 */
final class ConfigValues {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    private final NodeContract contract;
    private final Map<String, Object> values;
    private final List<String> problems = new ArrayList<>();

    ConfigValues(NodeContract contract, Set<String> keys) {
        this.contract = contract;
        this.values = contract.config();
        for (String key : new TreeSet<>(values.keySet())) {
            if (!keys.contains(key)) {
                problems.add("config." + key + ": unknown key, expected one of " + new TreeSet<>(keys));
            }
        }
    }

    Duration duration(String key, Duration fallback, Duration min, Duration max) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(v.toString().trim());
        if (!m.matches()) {
            problems.add("config." + key + ": expected a duration such as 500ms, 3s or 1m, but was '" + v + "'");
            return fallback;
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problems.add("config." + key + ": must be between " + min.toMillis() + "ms and " + max.toMillis()
                    + "ms, but was " + v);
            return fallback;
        }
        return d;
    }

    int integer(String key, int fallback, int min, int max) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.toString().trim());
            if (n < min || n > max) {
                problems.add("config." + key + ": must be between " + min + " and " + max + ", but was " + n);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add("config." + key + ": expected an integer, but was '" + v + "'");
            return fallback;
        }
    }

    String text(String key, String fallback) {
        Object v = values.get(key);
        return v == null || v.toString().isBlank() ? fallback : v.toString().trim();
    }

    /** Adds a problem found by the caller. */
    void problem(String message) {
        problems.add(message);
    }

    /** Throws if anything was wrong. */
    void check() {
        if (problems.isEmpty()) {
            return;
        }
        String where = contract.source().map(p -> p + ": ").orElse("contract " + contract.name() + ": ");
        throw new IllegalArgumentException(problems.size() == 1 ? where + problems.get(0)
                : problems.size() + " configuration errors in " + where + String.join("; ", problems));
    }
}
