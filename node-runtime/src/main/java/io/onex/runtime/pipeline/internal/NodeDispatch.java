package io.onex.runtime.pipeline.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.ComputeNode;
import io.onex.api.EffectNode;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeContext;
import io.onex.api.OnexNode;
import io.onex.api.OrchestratorNode;
import io.onex.api.ReducerNode;
import io.onex.runtime.envelope.PayloadConversion;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Calls a node by its kind, and converts inputs to its {@link OnexNode#inputType()}. Whatever the node does wrong
 * (throws instead of failing its stage, returns null) comes back as a failed stage, so the pipeline sees one shape.
 */
public final class NodeDispatch {

    private final OnexNode<Object, Object> node;
    private final String nodeName;
    private final ObjectMapper mapper;

    /**
     * @param node the node; must implement one of the four kinds
     * @param nodeName the contract name, for messages
     * @param mapper converts inputs
     * @throws IllegalArgumentException when the node implements none of the four kinds
     */
    @SuppressWarnings("unchecked")
    public NodeDispatch(OnexNode<?, ?> node, String nodeName, ObjectMapper mapper) {
        if (!(node instanceof EffectNode || node instanceof ComputeNode || node instanceof ReducerNode
                || node instanceof OrchestratorNode)) {
            throw new IllegalArgumentException("node " + nodeName + " (" + node.getClass().getName()
                    + ") must implement EffectNode, ComputeNode, ReducerNode or OrchestratorNode");
        }
        this.node = (OnexNode<Object, Object>) node;
        this.nodeName = nodeName;
        this.mapper = mapper;
    }

    /**
     * Converts an input to the node's input type.
     *
     * @param input a value of the input type, or anything Jackson can convert to it (a map, usually; a consumed
     *     payload is bound straight from its JSON text)
     * @return the converted input
     * @throws InvalidInputException naming the node, the expected type and what was wrong
     */
    public Object convert(Object input) {
        Class<Object> type = node.inputType();
        if (input == null || type == null || type.isInstance(input)) {
            return input;
        }
        if (input instanceof Map<?, ?> map) {
            Object own = ownConversion(map);
            if (own != null) {
                return own;
            }
        }
        try {
            return PayloadConversion.convert(mapper, input, type);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("input of node " + nodeName + " cannot be converted to "
                    + type.getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** The node's own conversion of a map, or null when it has none for this map (Jackson decides then). */
    private Object ownConversion(Map<?, ?> map) {
        try {
            return node.convertInput(map);
        } catch (RuntimeException e) {
            // Jackson's verdict, with its message, is the one callers get
            return null;
        }
    }

    /**
     * Calls the node once.
     *
     * @param input the converted input
     * @param context the attempt's context
     * @return the node's stage; failed when the node threw or returned null
     */
    public CompletionStage<Object> call(Object input, NodeContext context) {
        try {
            CompletionStage<Object> stage;
            if (node instanceof EffectNode<Object, Object> effect) {
                stage = effect.executeEffect(input, context);
            } else if (node instanceof ComputeNode<Object, Object> compute) {
                stage = CompletableFuture.completedFuture(compute.compute(input, context));
            } else if (node instanceof ReducerNode<Object, Object> reducer) {
                stage = reducer.reduce(input, context);
            } else {
                stage = ((OrchestratorNode<Object, Object>) node).orchestrate(input, context);
            }
            if (stage == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("node " + nodeName
                        + " returned a null stage: expected a CompletionStage"));
            }
            return stage;
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
