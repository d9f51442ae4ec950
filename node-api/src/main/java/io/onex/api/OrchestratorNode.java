package io.onex.api;

import java.util.concurrent.CompletionStage;

/**
 * A node that coordinates other steps (a workflow, a state machine) and publishes its progress.
 *
 * @param <I> input type
 * @param <O> output type
 */
public interface OrchestratorNode<I, O> extends OnexNode<I, O> {

    /**
     * Runs one orchestration.
     *
     * @param input the converted input
     * @param context per-call context
     * @return a stage completing with the orchestration's result
     */
    CompletionStage<O> orchestrate(I input, NodeContext context);
}
