package io.onex.runtime.workflow;

import io.onex.runtime.yaml.FileProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated workflow, as loaded by {@link WorkflowLoader}: every name resolved, the step graph acyclic, every
 * expression compiled. Immutable.
 *
 * @param name the workflow's name
 * @param version its version
 * @param description what it does, or empty
 * @param inputs the declared inputs, in file order
 * @param steps the top-level steps, in file order (they run as a graph, not in this order)
 * @param outputs the workflow's outputs, rendered after the last step
 * @param onStepFailure steps run when the workflow fails, with {@code error} in scope
 * @param timeout bound on the whole run, or null for none
 * @param location where the workflow starts
 * @param eventTopics the topics the file names for its workflow events under {@code event_topics}, by
 *        {@link WorkflowEventTopics#KEYS key}; the engine's topics for the others (empty: all the engine's)
 * @param warnings located notes that did not stop the load: steps calling a node no loaded contract declares, which
 *        run in another runtime (only from a loader {@link WorkflowLoader#allowingNodesServedElsewhere()})
 */
public record WorkflowDefinition(
        String name,
        String version,
        String description,
        List<WorkflowInput> inputs,
        List<WorkflowStep> steps,
        Map<String, ValueTemplate> outputs,
        List<WorkflowStep> onStepFailure,
        Duration timeout,
        SourceLocation location,
        Map<String, String> eventTopics,
        List<FileProblem> warnings) {

    public WorkflowDefinition {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        eventTopics = eventTopics == null ? Map.of() : Map.copyOf(eventTopics);
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        inputs = List.copyOf(inputs);
        steps = List.copyOf(steps);
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        onStepFailure = List.copyOf(onStepFailure);
    }

    /**
     * The warnings as one message in the form of load errors ("1 warning in workflows/x.yaml:\n  1) ..."), or empty
     * when there are none.
     */
    public String warningMessage() {
        if (warnings.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder().append(warnings.size()).append(warnings.size() == 1 ? " warning" : " warnings")
                .append(" in ").append(warnings.get(0).file()).append(':');
        int n = 0;
        for (FileProblem p : warnings) {
            s.append("\n  ").append(++n).append(") ").append(p);
        }
        return s.toString();
    }

    /** The run timeout, if any. */
    public Optional<Duration> runTimeout() {
        return Optional.ofNullable(timeout);
    }

    /** Every step that calls a node (nested steps of {@code parallel} included, failure handlers included). */
    public List<WorkflowStep> nodeSteps() {
        List<WorkflowStep> out = new ArrayList<>();
        collect(steps, out);
        collect(onStepFailure, out);
        return out;
    }

    /** The contract names of the nodes its steps and failure handlers call, in order of first use. */
    public java.util.Set<String> nodeNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        nodeSteps().forEach(s -> names.add(s.node()));
        return java.util.Collections.unmodifiableSet(names);
    }

    private static void collect(List<WorkflowStep> steps, List<WorkflowStep> out) {
        for (WorkflowStep s : steps) {
            if (s.type() == WorkflowStep.Type.PARALLEL) {
                collect(s.steps(), out);
            } else {
                out.add(s);
            }
        }
    }
}
