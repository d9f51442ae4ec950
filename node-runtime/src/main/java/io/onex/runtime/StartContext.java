package io.onex.runtime;

import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.NodeContext;
import io.onex.api.contract.NodeContract;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The context handed to {@code OnexNode.start}: no trigger, attempt 1, a fresh correlation id. */
final class StartContext implements NodeContext {
    private final RunningNode node;
    private final Clock clock;
    private final String correlationId = UUID.randomUUID().toString();

    StartContext(RunningNode node, Clock clock) {
        this.node = node;
        this.clock = clock;
    }

    @Override
    public String nodeId() {
        return node.nodeId;
    }

    @Override
    public NodeContract contract() {
        return node.contract;
    }

    @Override
    public String correlationId() {
        return correlationId;
    }

    @Override
    public Optional<String> causationId() {
        return Optional.empty();
    }

    @Override
    public Optional<EventEnvelope> trigger() {
        return Optional.empty();
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public EventPublisher publisher() {
        return node.publisher;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Map<String, Object> config() {
        return node.contract.config();
    }
}
