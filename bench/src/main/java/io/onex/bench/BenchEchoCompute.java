package io.onex.bench;

import io.onex.api.ComputeNode;
import io.onex.api.NodeContext;
import java.util.Map;

/** The node {@code onex bench call} calls in another runtime: answers its input, so the figures are the transport's. */
public final class BenchEchoCompute implements ComputeNode<Map<String, Object>, Map<String, Object>> {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Map<String, Object>> inputType() {
        return (Class) Map.class;
    }

    @Override
    public Map<String, Object> compute(Map<String, Object> input, NodeContext context) {
        return input;
    }
}
