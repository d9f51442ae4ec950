package io.onex.runtime.workflow;

import java.util.concurrent.CompletionStage;

/**
 * Calls a node for a workflow step. The runtime's implementation sends the call through the node's pipeline (retry,
 * breaker, timeout, dead-letter queue); tests and the benchmark call in-process nodes or fakes.
 */
@FunctionalInterface
public interface StepInvoker {

    /**
     * Calls a node.
     *
     * @param node the node's contract name
     * @param input the rendered input (maps, lists, strings, numbers, booleans, null)
     * @param call the step's settings: correlation id, retry override, deadline
     * @return completes with the node's result, or exceptionally with the failure; cancelling it should stop the call
     */
    CompletionStage<Object> invoke(String node, Object input, StepCall call);
}
