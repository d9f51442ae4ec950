package io.onex.api;

/**
 * A pure computation: no I/O, same output for the same input. Runs synchronously inside the pipeline.
 *
 * @param <I> input type
 * @param <O> output type
 */
public interface ComputeNode<I, O> extends OnexNode<I, O> {

    /**
     * Computes the output.
     *
     * @param input the converted input
     * @param context per-call context
     * @return the output, never null
     */
    O compute(I input, NodeContext context) throws Exception;
}
