package io.onex.runtime.workflow.internal;

import io.onex.runtime.workflow.StepResult.StepStatus;
import io.onex.runtime.workflow.WorkflowResult.WorkflowError;
import io.onex.runtime.workflow.WorkflowStep;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a step of a run ended.
 *
 * @param status the step's status
 * @param output what later steps read under the step's name (null: nothing)
 * @param error why it failed, if it did
 * @param fatal the workflow fails because of it
 */
record StepOutcome(StepStatus status, Object output, WorkflowError error, boolean fatal) {

    static final StepOutcome NOT_STARTED = new StepOutcome(StepStatus.NOT_STARTED, null, null, false);
    static final StepOutcome SKIPPED = new StepOutcome(StepStatus.SKIPPED, null, null, false);
    static final StepOutcome CANCELLED = new StepOutcome(StepStatus.CANCELLED, null, null, false);

    static StepOutcome completed(Object output) {
        return new StepOutcome(StepStatus.COMPLETED, output, null, false);
    }

    /** A failure that fails the workflow, whatever the step's {@code on_error}. */
    static StepOutcome fatal(WorkflowError error) {
        return new StepOutcome(StepStatus.FAILED, null, error, true);
    }

    /**
     * A failure as the step's {@code on_error} has it: fail the workflow, continue with {@code {failed: true, error}}
     * as the step's output, or skip the step.
     */
    static StepOutcome failed(WorkflowStep.OnError policy, WorkflowError error) {
        return switch (policy) {
            case FAIL -> fatal(error);
            case CONTINUE -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("failed", true);
                out.put("error", WorkflowErrors.data(error));
                yield new StepOutcome(StepStatus.FAILED, out, error, false);
            }
            case SKIP -> new StepOutcome(StepStatus.SKIPPED, null, error, false);
        };
    }
}
