package io.onex.runtime.workflow.internal;

import io.onex.runtime.workflow.WorkflowStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When the top-level steps of one run may start: each when the last of its dependencies has finished. Not
 * thread-safe: the run uses it under its lock.
 */
final class StepSchedule {

    private final List<WorkflowStep> steps;
    private final Map<String, Integer> waiting = new HashMap<>();
    private final Map<String, List<WorkflowStep>> dependents = new HashMap<>();

    StepSchedule(List<WorkflowStep> steps) {
        this.steps = steps;
        for (WorkflowStep s : steps) {
            waiting.put(s.name(), s.dependsOn().size());
            for (String d : s.dependsOn()) {
                dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(s);
            }
        }
    }

    /** The steps without dependencies, which start with the run. */
    List<WorkflowStep> first() {
        return steps.stream().filter(s -> s.dependsOn().isEmpty()).toList();
    }

    /** Notes that a step finished; returns the steps that it was the last dependency of. */
    List<WorkflowStep> finished(String step) {
        List<WorkflowStep> ready = new ArrayList<>();
        for (WorkflowStep d : dependents.getOrDefault(step, List.of())) {
            if (waiting.merge(d.name(), -1, Integer::sum) == 0) {
                ready.add(d);
            }
        }
        return ready;
    }

    /** Steps in an order where each comes after its dependencies (the failure handlers run so, one at a time). */
    static List<WorkflowStep> dependencyOrder(List<WorkflowStep> steps) {
        List<WorkflowStep> out = new ArrayList<>();
        List<WorkflowStep> left = new ArrayList<>(steps);
        while (!left.isEmpty()) {
            for (int i = 0; i < left.size(); i++) {
                WorkflowStep s = left.get(i);
                if (s.dependsOn().stream().allMatch(d -> out.stream().anyMatch(o -> o.name().equals(d)))) {
                    out.add(left.remove(i));
                    break;
                }
            }
        }
        return out;
    }
}
