package io.onex.runtime.dashboard;

import io.onex.api.ComputeNode;
import io.onex.api.NodeContext;
import java.util.Map;

/** Adds one to {@code n}. */
public final class IncrementCompute implements ComputeNode<Map<String, Object>, Map<String, Object>> {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Map<String, Object>> inputType() {
        return (Class) Map.class;
    }

    @Override
    public Map<String, Object> compute(Map<String, Object> input, NodeContext context) {
        return Map.of("n", ((Number) input.get("n")).intValue() + 1);
    }
}
