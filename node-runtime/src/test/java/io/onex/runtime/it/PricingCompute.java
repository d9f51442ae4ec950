package io.onex.runtime.it;

import io.onex.api.ComputeNode;
import io.onex.api.NodeContext;
import io.onex.api.NonRetryableException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Prices {@code qty} at 3 each; an unknown sku is refused for good. Counts its runs. */
public final class PricingCompute implements ComputeNode<Map<String, Object>, Map<String, Object>> {
    static final AtomicInteger RUNS = new AtomicInteger();

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Map<String, Object>> inputType() {
        return (Class) Map.class;
    }

    @Override
    public Map<String, Object> compute(Map<String, Object> input, NodeContext context) {
        RUNS.incrementAndGet();
        if ("unknown".equals(input.get("sku"))) {
            throw new NonRetryableException("sku unknown is not sold");
        }
        return Map.of("price", ((Number) input.get("qty")).intValue() * 3);
    }
}
