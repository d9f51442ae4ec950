package io.onex.runtime.workflow.internal;

import dev.cel.common.values.NullValue;
import io.onex.runtime.workflow.StepResult;
import io.onex.runtime.workflow.StepResult.StepStatus;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The steps of one run (top-level steps, the steps nested in parallel steps, the failure handlers) and how far each
 * got: status, timing, output, error, and its node call in progress. Not thread-safe: the run uses it under its lock;
 * only the set of step names, fixed at construction, may be read without it.
 */
final class StepStates {

    /** The mutable state of one step. */
    private static final class StepState {
        final WorkflowStep step;
        final int order;
        StepStatus status = StepStatus.NOT_STARTED;
        long startMillis = -1;
        long durationMillis;
        Object output;
        String error;
        CompletableFuture<Object> call;

        StepState(WorkflowStep step, int order) {
            this.step = step;
            this.order = order;
        }

        StepResult result() {
            return new StepResult(step.name(), status, Duration.ofMillis(durationMillis), CelData.plain(output), error);
        }
    }

    private final Map<String, StepState> states = new LinkedHashMap<>();

    StepStates(WorkflowDefinition wf) {
        register(wf.steps());
        register(wf.onStepFailure());
    }

    private void register(List<WorkflowStep> steps) {
        for (WorkflowStep s : steps) {
            states.put(s.name(), new StepState(s, states.size()));
            register(s.steps());
        }
    }

    int size() {
        return states.size();
    }

    StepStatus status(String step) {
        return states.get(step).status;
    }

    /** The step's place in the workflow (depth first, failure handlers last), as its events carry it. */
    int order(String step) {
        return states.get(step).order;
    }

    void started(String step, long nowMillis) {
        states.get(step).startMillis = nowMillis;
    }

    void calling(String step, CompletableFuture<Object> call) {
        states.get(step).call = call;
    }

    /** The node calls started and not yet done. */
    List<CompletableFuture<Object>> callsInProgress() {
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (StepState s : states.values()) {
            if (s.call != null && !s.call.isDone()) {
                calls.add(s.call);
            }
        }
        return calls;
    }

    /** Records a step's end, its duration up to {@code nowMillis} (never negative), and returns its result. */
    StepResult ended(String step, StepStatus status, Object output, String error, long nowMillis) {
        StepState s = states.get(step);
        s.status = status;
        s.durationMillis = s.startMillis < 0 ? 0 : Math.max(0, nowMillis - s.startMillis);
        s.output = output;
        s.error = error;
        s.call = null;
        return s.result();
    }

    /** Every step's result, in workflow order. */
    List<StepResult> results() {
        return states.values().stream().map(StepState::result).toList();
    }

    /** The scope with every step bound, null for those that produced nothing: failure handlers and outputs read any step. */
    Map<String, Object> completeScope(Map<String, Object> scope) {
        Map<String, Object> vars = new HashMap<>(scope);
        for (String name : states.keySet()) {
            vars.putIfAbsent(name, NullValue.NULL_VALUE);
        }
        return vars;
    }
}
