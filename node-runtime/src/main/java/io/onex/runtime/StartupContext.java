package io.onex.runtime;

import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.NodeContext;
import io.onex.api.contract.NodeContract;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link NodeContext} a node's {@code start} gets: its id, contract, publisher and clock, a fresh correlation id,
 * attempt 1, no trigger.
 */
record StartupContext(String nodeId, NodeContract contract, String correlationId, EventPublisher publisher,
        Clock clock) implements NodeContext {

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
    public Map<String, Object> config() {
        return contract.config();
    }
}
