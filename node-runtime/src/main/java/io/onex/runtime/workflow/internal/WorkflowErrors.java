package io.onex.runtime.workflow.internal;

import io.onex.runtime.workflow.WorkflowResult.WorkflowError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How a failure becomes a {@link WorkflowError}, and how failure handlers and {@code continue} steps read it. */
final class WorkflowErrors {

    private WorkflowErrors() {
    }

    /** The error of a failed step: its root cause's message and simple class name. */
    static WorkflowError of(String step, Throwable error) {
        Throwable cause = unwrap(error);
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new WorkflowError(step, message, cause.getClass().getSimpleName());
    }

    /** The failure inside the wrappers futures add. */
    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** {@code {"step", "message", "type"}}, as expressions read {@code error}. */
    static Map<String, Object> data(WorkflowError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", e.step() == null ? "" : e.step());
        m.put("message", e.message());
        m.put("type", e.type());
        return m;
    }
}
