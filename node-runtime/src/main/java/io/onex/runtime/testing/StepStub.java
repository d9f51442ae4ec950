package io.onex.runtime.testing;

import java.util.Map;

/**
 * What a node stands in for in a {@link WorkflowTestKit}: the step's input (after its {@code ${...}} expressions)
 * in, the node's answer out. Throwing fails the call like the node failing would, so the node's contract decides
 * retries (throw {@code NonRetryableException} for "trying again cannot help") and the workflow's
 * {@code on_error} / {@code on_step_failure} what follows.
 */
@FunctionalInterface
public interface StepStub {

    /**
     * @param input the step's input as plain JSON values (maps, lists, strings, numbers, booleans)
     * @return the node's output: a map, a list or a plain value, read by later steps' expressions
     * @throws Exception to fail this attempt
     */
    Object answer(Map<String, Object> input) throws Exception;
}
