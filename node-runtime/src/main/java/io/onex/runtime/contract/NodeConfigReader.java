package io.onex.runtime.contract;

import io.onex.api.contract.NodeContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a node's own {@code config:} section once, at start: unknown keys are rejected, every problem is collected,
 * and {@link #check()} reports them all together, naming the contract file, each key, its value and what was
 * expected. Values arrive as the contract loader typed them, or as text after {@code ${env:...}} substitution.
 *
 * <pre>{@code
 * NodeConfigReader config = NodeConfigReader.of(contract, Set.of("window_size", "window_time"));
 * int size = config.integer("window_size", 100, 1, 100_000);
 * Duration time = config.duration("window_time", Duration.ofSeconds(5));
 * config.check(); // IllegalArgumentException: "contracts/x.yaml: config.window_size: expected a whole number ..."
 * }</pre>
 */
public final class NodeConfigReader {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private final NodeContract contract;
    private final Map<String, Object> values;
    private final List<String> problems = new ArrayList<>();

    private NodeConfigReader(NodeContract contract, Set<String> keys) {
        this.contract = contract;
        this.values = contract.config();
        for (String key : new TreeSet<>(values.keySet())) {
            if (!keys.contains(key)) {
                problems.add("config." + key + ": unknown key, expected one of " + new TreeSet<>(keys));
            }
        }
    }

    /**
     * @param contract the node's contract
     * @param keys every key the node reads; any other key is a problem
     */
    public static NodeConfigReader of(NodeContract contract, Set<String> keys) {
        return new NodeConfigReader(contract, keys);
    }

    /** A positive duration ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}), or {@code fallback} when absent. */
    public Duration duration(String key, Duration fallback) {
        return duration(key, fallback, Duration.ofMillis(1), Duration.ofDays(1));
    }

    /** A duration within {@code [min, max]}, or {@code fallback} when absent. */
    public Duration duration(String key, Duration fallback, Duration min, Duration max) {
        Object v = values.get(key);
        if (v == null || v.toString().isBlank()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(v.toString().trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            problems.add("config." + key + ": expected a positive duration like 500ms, 5s or 1m, but was '" + v + "'");
            return fallback;
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problems.add("config." + key + ": expected a duration from " + min.toMillis() + "ms to " + max.toMillis()
                    + "ms, but was '" + v + "'");
            return fallback;
        }
        return d;
    }

    /** A whole number within {@code [min, max]}, or {@code fallback} when absent. */
    public int integer(String key, int fallback, int min, int max) {
        Object v = values.get(key);
        if (v == null || v.toString().isBlank()) {
            return fallback;
        }
        long n;
        try {
            n = v instanceof Number num && !(v instanceof Double || v instanceof Float)
                    ? num.longValue() : Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            n = Long.MIN_VALUE;
        }
        if (n < min || n > max) {
            problems.add("config." + key + ": expected a whole number from " + min + " to " + max + ", but was '" + v
                    + "'");
            return fallback;
        }
        return (int) n;
    }

    /** Trimmed text, or {@code fallback} when absent or blank. */
    public String text(String key, String fallback) {
        Object v = values.get(key);
        return v == null || v.toString().isBlank() ? fallback : v.toString().trim();
    }

    /**
     * Names, from a YAML list or a comma-separated string, or {@code fallback} when absent; an empty name in a list
     * is a problem, empty pieces of a string are skipped.
     */
    public Set<String> names(String key, Set<String> fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        boolean list = v instanceof Collection<?>;
        Collection<?> items = list ? (Collection<?>) v : List.of(v.toString().split(","));
        Set<String> names = new LinkedHashSet<>();
        for (Object item : items) {
            String name = item == null ? "" : item.toString().trim();
            if (name.isEmpty() && list) {
                problems.add("config." + key + ": expected names, but the list holds an empty one");
                return fallback;
            }
            if (!name.isEmpty()) {
                names.add(name); // "a,,b" from an environment variable: the empty piece is a typo, not a name
            }
        }
        return Set.copyOf(names);
    }

    /** Adds a problem the caller found (a rule across keys, say). */
    public void problem(String message) {
        problems.add(message);
    }

    /**
     * @throws IllegalArgumentException naming the contract file and every problem, if there was any
     */
    public void check() {
        if (problems.isEmpty()) {
            return;
        }
        String where = contract.source().map(p -> p + ": ").orElse("contract " + contract.name() + ": ");
        throw new IllegalArgumentException(problems.size() == 1 ? where + problems.get(0)
                : problems.size() + " errors in " + where + String.join("; ", problems));
    }
}
