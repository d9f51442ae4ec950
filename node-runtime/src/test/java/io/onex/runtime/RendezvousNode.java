package io.onex.runtime;

import io.onex.api.ComputeNode;
import io.onex.api.NodeContext;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * Starts only when another node of its kind is starting at the same time: its start waits (up to 10 s) at a barrier
 * of {@link #PARTIES} nodes. Nodes started one after the other fail at it.
 */
public final class RendezvousNode implements ComputeNode<Map<String, Object>, Map<String, Object>> {
    static final int PARTIES = 2;
    static CyclicBarrier barrier = new CyclicBarrier(PARTIES);

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public Class<Map<String, Object>> inputType() {
        return (Class) Map.class;
    }

    @Override
    public void start(NodeContext context) throws Exception {
        barrier.await(10, TimeUnit.SECONDS);
    }

    @Override
    public Map<String, Object> compute(Map<String, Object> input, NodeContext context) {
        return input;
    }
}
