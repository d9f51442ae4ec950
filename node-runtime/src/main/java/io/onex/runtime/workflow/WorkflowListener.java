package io.onex.runtime.workflow;

/** Follows a run as it goes, e.g. to print progress. Called from the threads that run steps; keep it quick. */
public interface WorkflowListener {

    /** Does nothing. */
    WorkflowListener NONE = new WorkflowListener() {
    };

    /** A step is starting (its condition is about to be evaluated). */
    default void stepStarted(String step) {
    }

    /** A step has finished, whatever its status. */
    default void stepFinished(StepResult result) {
    }
}
