package io.onex.runtime.pipeline;

import io.onex.api.EffectNode;
import io.onex.api.NodeContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** An effect node that plays a script of answers, one per call, and records what it saw. */
final class ScriptedNode implements EffectNode<ScriptedNode.Order, Object> {

    /** The input type, to exercise conversion from maps. */
    record Order(String id, int quantity) {
    }

    private final Deque<BiFunction<Order, NodeContext, CompletionStage<Object>>> script = new ArrayDeque<>();
    private BiFunction<Order, NodeContext, CompletionStage<Object>> otherwise;
    final List<Order> inputs = new CopyOnWriteArrayList<>();
    final List<NodeContext> contexts = new CopyOnWriteArrayList<>();

    static ScriptedNode alwaysFailing(RuntimeException e) {
        ScriptedNode n = new ScriptedNode();
        n.otherwise = (in, ctx) -> CompletableFuture.failedFuture(e);
        return n;
    }

    static ScriptedNode alwaysSucceeding() {
        ScriptedNode n = new ScriptedNode();
        n.otherwise = (in, ctx) -> CompletableFuture.completedFuture("ok:" + in.id());
        return n;
    }

    ScriptedNode thenFail(RuntimeException e) {
        script.add((in, ctx) -> CompletableFuture.failedFuture(e));
        return this;
    }

    ScriptedNode thenThrow(RuntimeException e) {
        script.add((in, ctx) -> {
            throw e;
        });
        return this;
    }

    ScriptedNode thenHang() {
        script.add((in, ctx) -> new CompletableFuture<>());
        return this;
    }

    ScriptedNode thenSucceed(Object result) {
        script.add((in, ctx) -> CompletableFuture.completedFuture(result));
        return this;
    }

    ScriptedNode thenDo(BiFunction<Order, NodeContext, CompletionStage<Object>> step) {
        script.add(step);
        return this;
    }

    int calls() {
        return inputs.size();
    }

    @Override
    public Class<Order> inputType() {
        return Order.class;
    }

    @Override
    public CompletionStage<Object> executeEffect(Order input, NodeContext context) {
        inputs.add(input);
        contexts.add(context);
        BiFunction<Order, NodeContext, CompletionStage<Object>> step = script.isEmpty() ? otherwise : script.poll();
        if (step == null) {
            throw new IllegalStateException("ScriptedNode has no answer left for call " + inputs.size());
        }
        return step.apply(input, context);
    }
}
