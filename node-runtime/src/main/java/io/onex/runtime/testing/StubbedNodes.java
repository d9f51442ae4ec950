package io.onex.runtime.testing;

import io.onex.api.ComputeNode;
import io.onex.api.EffectNode;
import io.onex.api.NodeContext;
import io.onex.api.OrchestratorNode;
import io.onex.api.ReducerNode;
import io.onex.api.contract.NodeContract;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The stand-ins {@link WorkflowTestKit} runs in place of stubbed nodes, one class per node type (the runtime checks
 * that a contract's class suits its node type). Each answers through the {@link StepStub} registered for its contract
 * name and records every input it was called with, retries included.
 */
final class StubbedNodes {

    private final Map<String, StepStub> stubs;
    private final Map<String, List<Map<String, Object>>> calls = new LinkedHashMap<>();

    StubbedNodes(Map<String, StepStub> stubs) {
        this.stubs = Map.copyOf(stubs);
    }

    /** The class that stands in for a node of this contract's type. */
    static String implementationFor(NodeContract contract) {
        return switch (contract.nodeType()) {
            case EFFECT -> Effect.class.getName();
            case COMPUTE -> Compute.class.getName();
            case REDUCER -> Reducer.class.getName();
            case ORCHESTRATOR -> Orchestrator.class.getName();
        };
    }

    /** The stubbed nodes' names. */
    java.util.Set<String> names() {
        return stubs.keySet();
    }

    /** Inputs a stubbed node was called with, in order. */
    synchronized List<Map<String, Object>> callsTo(String node) {
        return List.copyOf(calls.getOrDefault(node, List.of()));
    }

    Object answer(String node, Map<String, Object> input) throws Exception {
        synchronized (this) {
            calls.computeIfAbsent(node, k -> new ArrayList<>()).add(input);
        }
        return stubs.get(node).answer(input);
    }

    CompletionStage<Object> answerAsync(String node, Map<String, Object> input) {
        try {
            return CompletableFuture.completedFuture(answer(node, input));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Shared by the four stand-ins: a map input, the contract's name as the key of its stub. */
    abstract static class Stand {
        final String node;
        final StubbedNodes stubs;

        Stand(NodeContract contract, StubbedNodes stubs) {
            this.node = contract.name();
            this.stubs = stubs;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        public Class<Map<String, Object>> inputType() {
            return (Class) Map.class;
        }
    }

    /** Stands in for an effect node. */
    public static final class Effect extends Stand implements EffectNode<Map<String, Object>, Object> {
        @Inject
        Effect(NodeContract contract, StubbedNodes stubs) {
            super(contract, stubs);
        }

        @Override
        public CompletionStage<Object> executeEffect(Map<String, Object> input, NodeContext context) {
            return stubs.answerAsync(node, input);
        }
    }

    /** Stands in for a compute node. */
    public static final class Compute extends Stand implements ComputeNode<Map<String, Object>, Object> {
        @Inject
        Compute(NodeContract contract, StubbedNodes stubs) {
            super(contract, stubs);
        }

        @Override
        public Object compute(Map<String, Object> input, NodeContext context) throws Exception {
            return stubs.answer(node, input);
        }
    }

    /** Stands in for a reducer node. */
    public static final class Reducer extends Stand implements ReducerNode<Map<String, Object>, Object> {
        @Inject
        Reducer(NodeContract contract, StubbedNodes stubs) {
            super(contract, stubs);
        }

        @Override
        public CompletionStage<Object> reduce(Map<String, Object> intent, NodeContext context) {
            return stubs.answerAsync(node, intent);
        }
    }

    /** Stands in for an orchestrator node. */
    public static final class Orchestrator extends Stand implements OrchestratorNode<Map<String, Object>, Object> {
        @Inject
        Orchestrator(NodeContract contract, StubbedNodes stubs) {
            super(contract, stubs);
        }

        @Override
        public CompletionStage<Object> orchestrate(Map<String, Object> input, NodeContext context) {
            return stubs.answerAsync(node, input);
        }
    }
}
