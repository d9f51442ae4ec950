package io.onex.runtime.workflow.internal;

import io.onex.runtime.workflow.StepResult;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowResult;
import io.onex.runtime.workflow.WorkflowState;
import io.onex.runtime.workflow.WorkflowStateMachine;
import io.onex.runtime.workflow.WorkflowStep;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The events of one run, in order: started, the state machine's transitions, each step's end, finished. Keeps every
 * publish it started, so that the run's result completes only once they have all settled. Thread-safe.
 */
final class WorkflowRunEvents {

    private final WorkflowEvents events;
    private final WorkflowDefinition wf;
    private final String workflowId;
    private final String correlationId;
    private final WorkflowStateMachine fsm;
    private final List<CompletionStage<?>> published = new ArrayList<>();

    WorkflowRunEvents(WorkflowEvents events, WorkflowDefinition wf, String workflowId, String correlationId) {
        this.events = events;
        this.wf = wf;
        this.workflowId = workflowId;
        this.correlationId = correlationId;
        this.fsm = new WorkflowStateMachine(workflowId);
    }

    WorkflowState state() {
        return fsm.state();
    }

    /** The run started with {@code steps} steps, and is processing. */
    void started(int steps) {
        publish(events.started(wf, workflowId, correlationId, steps));
        publish(events.transition(wf, workflowId, correlationId, fsm.transition(WorkflowState.PROCESSING, "start")));
    }

    void stepFinished(StepResult r, int order, WorkflowStep step) {
        publish(events.stepFinished(wf, workflowId, correlationId, r, order, step));
    }

    /**
     * The run finished: its result, and the state machine's end.
     *
     * @return completes when every event of the run has been published (or failed to be)
     */
    CompletableFuture<Void> finished(WorkflowResult r) {
        publish(events.finished(wf, r));
        WorkflowStateMachine.Transition end = switch (r.status()) {
            case COMPLETED -> fsm.transition(WorkflowState.COMPLETED, "complete");
            case FAILED -> fsm.transition(WorkflowState.FAILED, "fail");
            case CANCELLED -> fsm.transition(WorkflowState.CANCELLED, "cancel");
        };
        publish(events.transition(wf, workflowId, correlationId, end));
        CompletableFuture<?>[] all;
        synchronized (published) {
            all = published.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new);
        }
        return CompletableFuture.allOf(all);
    }

    private void publish(CompletionStage<?> stage) {
        synchronized (published) {
            published.add(stage);
        }
    }
}
