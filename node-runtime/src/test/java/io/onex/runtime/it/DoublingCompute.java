package io.onex.runtime.it;

import io.onex.api.ComputeNode;
import io.onex.api.NodeContext;
import java.util.Map;

/** Doubles {@code n}; answers with the correlation id it was called with. */
public final class DoublingCompute implements ComputeNode<Map<String, Object>, Map<String, Object>> {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Map<String, Object>> inputType() {
        return (Class) Map.class;
    }

    @Override
    public Map<String, Object> compute(Map<String, Object> input, NodeContext context) {
        return Map.of("n", ((Number) input.get("n")).intValue() * 2, "correlation_id", context.correlationId());
    }
}
