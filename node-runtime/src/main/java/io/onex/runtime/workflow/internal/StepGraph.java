package io.onex.runtime.workflow.internal;

import io.onex.runtime.yaml.FileProblems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one list of steps as a graph (the workflow's steps, or its failure handlers): {@code depends_on} names a
 * sibling, no step depends on itself, no cycles (each named, e.g. {@code a -> b -> a}); then answers which steps each
 * step may read.
 */
final class StepGraph {

    private final Map<String, RawStep> byName = new LinkedHashMap<>();
    private boolean acyclic = true;

    /**
     * @param siblings the steps of the list
     * @param nested every step nested in a parallel step anywhere in the workflow, by name
     * @param problems where problems go
     */
    StepGraph(List<RawStep> siblings, Map<String, RawStep> nested, FileProblems problems) {
        for (RawStep s : siblings) {
            if (s.name != null) {
                byName.putIfAbsent(s.name, s);
            }
        }
        for (RawStep s : siblings) {
            for (int i = 0; i < s.dependsOn.size(); i++) {
                String dep = s.dependsOn.get(i);
                String field = s.field + ".depends_on[" + i + "]";
                if (dep.equals(s.name)) {
                    problems.add(s.dependsOnMarks.get(i), field, "step '" + s.name + "' depends on itself");
                } else if (nested.containsKey(dep)) {
                    RawStep n = nested.get(dep);
                    problems.add(s.dependsOnMarks.get(i), field, "step '" + dep + "' is nested in parallel step '"
                            + n.parent.name + "'; expected '" + n.parent.name + "' instead");
                } else if (!byName.containsKey(dep)) {
                    problems.add(s.dependsOnMarks.get(i), field, "unknown step '" + dep + "', expected one of "
                            + String.join(", ", others(s)));
                }
            }
        }
        findCycles(problems);
    }

    private List<String> others(RawStep s) {
        return byName.keySet().stream().filter(n -> !n.equals(s.name)).toList();
    }

    private void findCycles(FileProblems problems) {
        Map<String, Integer> state = new HashMap<>();
        Set<Set<String>> reported = new HashSet<>();
        for (String start : byName.keySet()) {
            visit(start, new ArrayList<>(), state, reported, problems);
        }
    }

    private void visit(String name, List<String> path, Map<String, Integer> state, Set<Set<String>> reported,
            FileProblems problems) {
        Integer st = state.get(name);
        if (st != null && st == 2) {
            return;
        }
        if (st != null && st == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            if (reported.add(new HashSet<>(cycle))) {
                acyclic = false;
                RawStep first = byName.get(cycle.get(0));
                cycle.add(name);
                problems.add(first.dependsOnMark, first.field + ".depends_on", "steps form a cycle: "
                        + String.join(" -> ", cycle) + "; expected depends_on to form no cycle");
            }
            return;
        }
        RawStep step = byName.get(name);
        if (step == null) {
            return;
        }
        state.put(name, 1);
        path.add(name);
        for (String dep : step.dependsOn) {
            if (byName.containsKey(dep) && !dep.equals(name)) {
                visit(dep, path, state, reported, problems);
            }
        }
        path.remove(path.size() - 1);
        state.put(name, 2);
    }

    /** Whether no cycle was found. */
    boolean acyclic() {
        return acyclic;
    }

    /**
     * The steps a step may read: everything it depends on, directly or not, and the nested steps of those that are
     * parallel. With a cycle, every sibling, so that expressions are still checked without duplicate noise.
     */
    Set<String> readable(RawStep step) {
        Set<String> out = new LinkedHashSet<>();
        if (!acyclic) {
            byName.values().forEach(s -> addWithNested(s, out));
            out.remove(step.name);
            return out;
        }
        List<String> todo = new ArrayList<>(step.dependsOn);
        while (!todo.isEmpty()) {
            RawStep s = byName.get(todo.remove(todo.size() - 1));
            if (s != null && !out.contains(s.name)) {
                addWithNested(s, out);
                todo.addAll(s.dependsOn);
            }
        }
        return out;
    }

    static void addWithNested(RawStep s, Set<String> out) {
        out.add(s.name);
        for (RawStep n : s.steps) {
            if (n.name != null) {
                addWithNested(n, out);
            }
        }
    }
}
