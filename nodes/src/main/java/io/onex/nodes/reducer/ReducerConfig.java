package io.onex.nodes.reducer;

import io.onex.api.contract.ConsumerSpec;
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
 * The node-specific settings of {@code bridge_reducer}, read once from its contract's {@code config:} section (where
 * {@code ${env:...}} references make each overridable by environment). Unknown keys are rejected, and so are
 * settings that would make an intent wait on a window it can never see closed.
 *
 * @param windowSize a window closes when it has folded this many events ({@code window_size}, 1..100000)
 * @param windowTime a window closes this long after it opened ({@code window_time})
 * @param workflowIdSamples at most this many distinct workflow ids are listed per window ({@code workflow_id_samples},
 *     0..1000); {@code workflow_ids_total} counts them all
 * @param workflowTypes the {@code workflow_type}s whose completed/failed events are counted ({@code workflow_types}, a
 *     list or a comma-separated string); {@code *} (kept as an empty set) counts every workflow. The workflow engine writes these events for
 *     every workflow it runs, not only the stamping one.
 */
public record ReducerConfig(int windowSize, Duration windowTime, int workflowIdSamples, Set<String> workflowTypes) {

    static final Set<String> KEYS = Set.of("window_size", "window_time", "workflow_id_samples", "workflow_types");
    static final Set<String> DEFAULT_WORKFLOW_TYPES = Set.of("metadata_stamping");
    static final int DEFAULT_WINDOW_SIZE = 100;
    static final Duration DEFAULT_WINDOW_TIME = Duration.ofSeconds(5);
    static final int DEFAULT_WORKFLOW_ID_SAMPLES = 20;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    /**
     * Reads and validates the settings against the rest of the contract, reporting every problem together.
     *
     * @param contract the node's contract
     * @return the settings
     * @throws IllegalArgumentException naming the contract file, each bad key, its value and what was expected
     */
    public static ReducerConfig from(NodeContract contract) {
        Map<String, Object> c = contract.config();
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(c.keySet())) {
            if (!KEYS.contains(key)) {
                problems.add("config." + key + ": unknown key, expected one of " + new TreeSet<>(KEYS));
            }
        }
        int size = integer(c, "window_size", DEFAULT_WINDOW_SIZE, 1, 100_000, problems);
        Duration time = duration(c, "window_time", DEFAULT_WINDOW_TIME, problems);
        int samples = integer(c, "workflow_id_samples", DEFAULT_WORKFLOW_ID_SAMPLES, 0, 1000, problems);
        Set<String> workflowTypes = names(c, "workflow_types", DEFAULT_WORKFLOW_TYPES, problems);
        Duration timeout = contract.resilience().timeout();
        if (timeout != null && timeout.compareTo(time) <= 0) {
            problems.add("resilience.timeout must be longer than config.window_time (" + time.toMillis()
                    + " ms): an event's call lasts until its window is published, but was " + timeout.toMillis() + " ms");
        }
        int maxInFlight = contract.consumer().map(ConsumerSpec::maxInFlight).orElse(Integer.MAX_VALUE);
        if (maxInFlight < size) {
            problems.add("consumer.max_in_flight must be at least config.window_size (" + size
                    + "): a window holds its events in flight until it is published, but was " + maxInFlight);
        }
        if (!problems.isEmpty()) {
            String where = contract.source().map(p -> p + ": ").orElse("contract " + contract.name() + ": ");
            throw new IllegalArgumentException(problems.size() == 1 ? where + problems.get(0)
                    : problems.size() + " errors in " + where + String.join("; ", problems));
        }
        return new ReducerConfig(size, time, samples, workflowTypes);
    }

    public ReducerConfig {
        workflowTypes = Set.copyOf(workflowTypes);
    }

    /** Whether completed/failed events of this workflow type are counted. */
    public boolean countsWorkflowType(String workflowType) {
        return workflowTypes.isEmpty() || workflowTypes.contains(workflowType);
    }

    private static Set<String> names(Map<String, Object> c, String key, Set<String> dflt, List<String> problems) {
        Object v = c.get(key);
        if (v == null) {
            return dflt;
        }
        List<?> items = v instanceof List<?> list ? list : List.of(v.toString().split(","));
        Set<String> names = new TreeSet<>();
        for (Object item : items) {
            String name = item == null ? "" : item.toString().trim();
            if (name.isEmpty() && !(v instanceof String)) {
                problems.add("config." + key + ": expected workflow names, but the list holds an empty one");
            } else if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names.contains("*") ? Set.of() : names;
    }

    private static int integer(Map<String, Object> c, String key, int dflt, int min, int max, List<String> problems) {
        Object v = c.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.toString().trim());
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("config." + key + ": expected an integer from " + min + " to " + max + ", but was '" + v + "'");
        return dflt;
    }

    private static Duration duration(Map<String, Object> c, String key, Duration dflt, List<String> problems) {
        Object v = c.get(key);
        if (v == null) {
            return dflt;
        }
        Matcher m = DURATION.matcher(v.toString().trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            problems.add("config." + key + ": expected a positive duration like 500ms, 5s or 1m, but was '" + v + "'");
            return dflt;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
