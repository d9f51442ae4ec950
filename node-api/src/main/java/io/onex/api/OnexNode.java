package io.onex.api;

import java.util.Map;

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
     * Converts a map input to {@link #inputType()} without Jackson, for nodes called at high rates: Jackson's
     * conversion copies the whole map through a token buffer on every call. The runtime uses Jackson whenever this
     * returns null (the default) or throws, so an implementation handles only the shapes it converts exactly as
     * Jackson would and returns null for anything else.
     *
     * <pre>{@code
     * public Input convertInput(Map<?, ?> input) {
     *     return input.size() == 1 && input.get("name") instanceof String name ? new Input(name) : null;
     * }
     * }</pre>
     *
     * @param input a map input (a workflow step's, or a caller's {@code runtime.call(node, map)})
     * @return the converted input, or null to let the runtime convert it with Jackson
     */
    default I convertInput(Map<?, ?> input) {
        return null;
    }

    /**
     * Called once when the runtime starts the node, before any call reaches it and before its consumer starts. The
     * runtime starts its nodes at the same time, each on a thread of its own: a start must not wait for another node.
     *
     * @param context the node's start context (correlation id is a fresh one)
     */
    default void start(NodeContext context) throws Exception {
    }

    /** Called once when the runtime closes the node, after its consumer has stopped and before its producer flushes. */
    default void stop() throws Exception {
    }
}
