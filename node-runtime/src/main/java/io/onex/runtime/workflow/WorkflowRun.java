package io.onex.runtime.workflow;

import java.util.concurrent.CompletionStage;

/** A started run: its ids, its result to come, and a way to cancel it. */
public interface WorkflowRun {

    /** The run's id ({@code workflow_id} in its events). */
    String workflowId();

    /** The run's correlation id (every event of the run carries it). */
    String correlationId();

    /** Where the run is: {@code pending -> processing -> completed | failed | cancelled} ({@link WorkflowStateMachine}). */
    WorkflowState state();

    /**
     * Completes when the run has ended and its last events were handed to the publisher and acknowledged (or failed
     * to publish, which is logged). Never completes exceptionally: failures are a {@link WorkflowResult.Status}.
     */
    CompletionStage<WorkflowResult> result();

    /**
     * Cancels the run: steps not started never start, running steps' calls are cancelled, and the result reports
     * which steps had finished. No effect once the run has ended.
     */
    void cancel();
}
