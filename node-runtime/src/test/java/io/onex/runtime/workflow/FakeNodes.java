package io.onex.runtime.workflow;

import io.onex.api.contract.NodeType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process nodes for engine tests: {@code echo} returns its input, {@code fail} fails with "boom in STEP",
 * {@code gate} returns a future the test completes ({@link #gate(String)}). Records every call.
 */
final class FakeNodes implements StepInvoker {

    static final Map<String, NodeType> TYPES = Map.of("echo", NodeType.COMPUTE, "fail", NodeType.COMPUTE,
            "gate", NodeType.COMPUTE, "publish", NodeType.EFFECT, "meet", NodeType.COMPUTE);

    /** {@code meet}: blocks its thread until a second {@code meet} call has arrived too (or 5 s passed). */
    final java.util.concurrent.CountDownLatch meeting = new java.util.concurrent.CountDownLatch(2);

    final List<String> started = Collections.synchronizedList(new ArrayList<>());
    final Map<String, StepCall> calls = new ConcurrentHashMap<>();
    final Map<String, Object> inputs = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Object>> gates = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Object> invoke(String node, Object input, StepCall call) {
        started.add(call.step());
        calls.put(call.step(), call);
        inputs.put(call.step(), input);
        return switch (node) {
            case "echo", "publish" -> CompletableFuture.completedFuture(input);
            case "fail" -> CompletableFuture.failedFuture(new IllegalStateException("boom in " + call.step()));
            case "gate" -> gate(call.step());
            case "meet" -> {
                meeting.countDown();
                try {
                    yield CompletableFuture.completedFuture(Map.of("met", meeting.await(5, java.util.concurrent.TimeUnit.SECONDS)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    yield CompletableFuture.failedFuture(e);
                }
            }
            default -> throw new IllegalArgumentException("no fake node " + node);
        };
    }

    /** Declared outputs in the order given: field, type, field, type, ... */
    static Map<String, String> outputs(String... fieldsAndTypes) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < fieldsAndTypes.length; i += 2) {
            out.put(fieldsAndTypes[i], fieldsAndTypes[i + 1]);
        }
        return out;
    }

    /** The future of a gated step (created on first use, so a test may complete it before the call). */
    CompletableFuture<Object> gate(String step) {
        return gates.computeIfAbsent(step, s -> new CompletableFuture<>());
    }
}
