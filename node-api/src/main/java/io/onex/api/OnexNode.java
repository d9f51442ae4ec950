package io.onex.api;

/**
 * What every node kind shares: the type its input is converted to, and optional lifecycle hooks.
 *
 * <p>Input conversion: when a workflow step or a caller hands the runtime a map, it is converted to
 * {@link #inputType()} with Jackson. When a node subscribes to topics and {@code inputType()} is
 * {@link EventEnvelope}, consumed records are handed over as whole envelopes; otherwise the envelope's
 * {@code payload} is converted to the input type.
 *
 * @param <I> the node's input type
 * @param <O> the node's output type
 */
public interface OnexNode<I, O> {

    /** The class the runtime converts inputs to before calling the node. */
    Class<I> inputType();

    /**
     * Called once when the runtime starts the node, before any call reaches it and before its consumer starts.
     *
     * @param context the node's start context (correlation id is a fresh one)
     */
    default void start(NodeContext context) throws Exception {
    }

    /** Called once when the runtime closes the node, after its consumer has stopped and before its producer flushes. */
    default void stop() throws Exception {
    }
}
