package io.onex.runtime.workflow.internal;

import io.onex.runtime.workflow.ExpressionException;
import io.onex.runtime.workflow.ValueTemplate;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowStep;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The expressions of one run evaluated against its scope: a step's condition and input, the workflow's outputs. One
 * that fails is a {@link Failure} whose message names the keys that were missing ({@link MissingKeys}).
 */
final class RunExpressions {

    /** An expression failed; the message is the run's error message for it (error type {@code ExpressionError}). */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private RunExpressions() {
    }

    /** Whether the step runs: its {@code when}, true without one. */
    static boolean condition(WorkflowStep step, Map<String, Object> vars) throws Failure {
        if (step.when() == null) {
            return true;
        }
        Object go = render(step.when(), vars);
        if (!(go instanceof Boolean b)) {
            throw new Failure("condition of step '" + step.name() + "' must be true or false, but was " + go);
        }
        return b;
    }

    /** The input the step's node is called with. */
    static Object input(WorkflowStep step, Map<String, Object> vars) throws Failure {
        return render(step.input(), vars);
    }

    /** The workflow's outputs, in their order. */
    static Map<String, Object> outputs(WorkflowDefinition wf, Map<String, Object> vars) throws Failure {
        Map<String, Object> outputs = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, ValueTemplate> e : wf.outputs().entrySet()) {
                outputs.put(e.getKey(), e.getValue().render(vars));
            }
        } catch (ExpressionException e) {
            throw new Failure("outputs: " + MissingKeys.explain(e.getMessage(), vars));
        }
        return outputs;
    }

    private static Object render(ValueTemplate template, Map<String, Object> vars) throws Failure {
        try {
            return template.render(vars);
        } catch (ExpressionException e) {
            throw new Failure(MissingKeys.explain(e.getMessage(), vars));
        }
    }
}
