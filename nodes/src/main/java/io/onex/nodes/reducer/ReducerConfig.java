package io.onex.nodes.reducer;

import io.onex.api.contract.ConsumerSpec;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.contract.NodeConfigReader;
import java.time.Duration;
import java.util.Set;

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

    /**
     * Reads and validates the settings against the rest of the contract, reporting every problem together.
     *
     * @param contract the node's contract
     * @return the settings
     * @throws IllegalArgumentException naming the contract file, each bad key, its value and what was expected
     */
    public static ReducerConfig from(NodeContract contract) {
        NodeConfigReader config = NodeConfigReader.of(contract, KEYS);
        int size = config.integer("window_size", DEFAULT_WINDOW_SIZE, 1, 100_000);
        Duration time = config.duration("window_time", DEFAULT_WINDOW_TIME);
        int samples = config.integer("workflow_id_samples", DEFAULT_WORKFLOW_ID_SAMPLES, 0, 1000);
        Set<String> workflowTypes = config.names("workflow_types", DEFAULT_WORKFLOW_TYPES);
        Duration timeout = contract.resilience().timeout();
        if (timeout != null && timeout.compareTo(time) <= 0) {
            config.problem("resilience.timeout must be longer than config.window_time (" + time.toMillis()
                    + " ms): an event's call lasts until its window is published, but was " + timeout.toMillis() + " ms");
        }
        int maxInFlight = contract.consumer().map(ConsumerSpec::maxInFlight).orElse(Integer.MAX_VALUE);
        if (maxInFlight < size) {
            config.problem("consumer.max_in_flight must be at least config.window_size (" + size
                    + "): a window holds its events in flight until it is published, but was " + maxInFlight);
        }
        config.check();
        return new ReducerConfig(size, time, samples, workflowTypes.contains("*") ? Set.of() : workflowTypes);
    }

    public ReducerConfig {
        workflowTypes = Set.copyOf(workflowTypes);
    }

    /** Whether completed/failed events of this workflow type are counted. */
    public boolean countsWorkflowType(String workflowType) {
        return workflowTypes.isEmpty() || workflowTypes.contains(workflowType);
    }
}
