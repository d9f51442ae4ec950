package io.onex.runtime.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a run.
 *
 * @param workflowId the run's id
 * @param correlationId the run's correlation id
 * @param name the workflow's name
 * @param status how it ended
 * @param outputs the rendered outputs (empty unless completed)
 * @param steps every step (nested and failure-handler steps included) in declaration order
 * @param error what failed, or null when completed
 * @param duration from start to end
 */
public record WorkflowResult(String workflowId, String correlationId, String name, Status status,
        Map<String, Object> outputs, List<StepResult> steps, WorkflowError error, Duration duration) {

    public WorkflowResult {
        outputs = outputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        steps = List.copyOf(steps);
    }

    /** The error, if the run did not complete. */
    public Optional<WorkflowError> failure() {
        return Optional.ofNullable(error);
    }

    /** A step's result by name. */
    public Optional<StepResult> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** How a run ended. */
    public enum Status {
        COMPLETED, FAILED, CANCELLED;

        /** The {@code workflow_state} word used in events. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Why a run failed; failure handlers read it as {@code error}.
     *
     * @param step the step that failed, or empty when the workflow itself failed (timeout, cancellation, outputs)
     * @param message what failed
     * @param type the failure's kind (the exception's simple class name, or {@code WorkflowTimeout}, ...)
     */
    public record WorkflowError(String step, String message, String type) {
    }
}
