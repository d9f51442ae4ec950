package io.onex.api;

import java.util.concurrent.CompletionStage;

/**
 * A node that folds intents (usually consumed events) into state and publishes what it aggregated.
 *
 * @param <I> intent type
 * @param <O> output type
 */
public interface ReducerNode<I, O> extends OnexNode<I, O> {

    /**
     * Folds one intent into the node's state.
     *
     * @param intent the converted intent
     * @param context per-call context
     * @return a stage completing when the intent is folded in (and, where the node promises it, its state published)
     */
    CompletionStage<O> reduce(I intent, NodeContext context);
}
