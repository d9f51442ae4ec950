package io.onex.runtime.dashboard;

import java.util.List;

/**
 * What the Workflow runs page shows: the recent runs, newest first, each with its steps as the workflow events told
 * them ({@link WorkflowRunBoard}).
 *
 * @param now when the view was taken, epoch millis
 * @param runs the runs, newest start first
 */
public record RunsView(long now, List<Run> runs) {

    public RunsView {
        runs = List.copyOf(runs);
    }

    /**
     * One run.
     *
     * @param workflowId the run's id
     * @param workflowType the workflow's name
     * @param workflowVersion the workflow's version
     * @param correlationId the run's correlation id
     * @param status processing, completed, failed or cancelled
     * @param startedAt epoch millis of its start event (of its first event when the start was not seen)
     * @param durationMs its duration when finished; while processing, the time since it started
     * @param stepCount the steps its start announced (0 when the start was not seen)
     * @param error why it failed ({@code type: message}, and the failed step), "" otherwise
     * @param steps its finished steps, by order
     */
    public record Run(String workflowId, String workflowType, String workflowVersion, String correlationId,
            String status, long startedAt, long durationMs, int stepCount, String error, List<Step> steps) {
    }

    /**
     * One finished step.
     *
     * @param name the step
     * @param order its position in the workflow file
     * @param type compute, effect, reduce, parallel ...
     * @param node the node it called, "" for none
     * @param status completed, failed, skipped or cancelled
     * @param durationMs how long it took
     * @param dependsOn the steps it waited for
     * @param parent the parallel step it is nested in, "" for none
     * @param error what failed or why it was skipped, "" otherwise
     */
    public record Step(String name, int order, String type, String node, String status, long durationMs,
            List<String> dependsOn, String parent, String error) {
    }
}
