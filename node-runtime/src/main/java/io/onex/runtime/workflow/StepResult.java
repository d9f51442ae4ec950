package io.onex.runtime.workflow;

import java.time.Duration;

/**
 * What became of one step in a run.
 *
 * @param name the step
 * @param status its final status
 * @param duration from start to finish (zero when it never started)
 * @param output its output (null unless completed, or failed under {@code on_error: continue})
 * @param error what failed or why it was skipped, or null
 */
public record StepResult(String name, StepStatus status, Duration duration, Object output, String error) {

    /** The status of a step. */
    public enum StepStatus {
        /** Ran and succeeded. */
        COMPLETED,
        /** Ran and failed. */
        FAILED,
        /** Did not run: its condition was false, a dependency was skipped, or it failed under {@code on_error: skip}. */
        SKIPPED,
        /** Was running when the run was cancelled, timed out or failed elsewhere; its call was cancelled. */
        CANCELLED,
        /** Never started. */
        NOT_STARTED;

        /** The word used in events and output. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
