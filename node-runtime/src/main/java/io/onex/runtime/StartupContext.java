package io.onex.runtime;

import io.onex.api.AttemptedEvent;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.NodeContext;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.resilience.RetryPolicy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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

    /** Nothing to do: start-up is no call, so there is no final failure to dead-letter events for. */
    @Override
    public void deadLetterOnFinalFailure(List<AttemptedEvent> events, Consumer<AttemptedEvent> onDeadLettered) {
    }

    /** By the contract's own retry policy: start-up has no call with a policy of its own. */
    @Override
    public boolean isRetryable(Throwable failure) {
        return RetryPolicy.of(contract.resilience().retry()).isRetryable(failure);
    }
}
