package io.onex.runtime;

import io.onex.api.ComputeNode;
import io.onex.api.NodeContext;
import io.onex.api.contract.NodeContract;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records its start and stop by contract name; a contract whose name ends in {@code _failing} fails to start. */
public final class LifecycleRecordingNode implements ComputeNode<Map<String, Object>, Map<String, Object>> {
    static final List<String> LOG = new CopyOnWriteArrayList<>();
    private final String name;

    @Inject
    public LifecycleRecordingNode(NodeContract contract) {
        this.name = contract.name();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public Class<Map<String, Object>> inputType() {
        return (Class) Map.class;
    }

    @Override
    public void start(NodeContext context) {
        LOG.add("start " + name);
        if (name.endsWith("_failing")) {
            throw new IllegalStateException("no database");
        }
    }

    @Override
    public void stop() {
        LOG.add("stop " + name);
    }

    @Override
    public Map<String, Object> compute(Map<String, Object> input, NodeContext context) {
        return input;
    }
}
