package io.onex.runtime.pipeline.internal;

import io.onex.api.AttemptedEvent;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.NodeContext;
import io.onex.api.contract.NodeContract;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@link NodeContext} of one attempt.
 *
 * @param nodeId node instance id
 * @param contract the node's contract
 * @param correlationId the call's correlation id
 * @param causationIdOrNull the causing event's id, or null
 * @param triggerOrNull the triggering envelope, or null
 * @param attempt attempt number, from 1
 * @param publisher the call's publisher (fills in correlation and causation ids)
 * @param clock the runtime's clock
 * @param call the call this attempt belongs to (dead letters of a final failure, retry policy)
 * @param triggerTopicOrNull the topic the triggering record was consumed from, or null
 */
public record CallContext(
        String nodeId,
        NodeContract contract,
        String correlationId,
        String causationIdOrNull,
        EventEnvelope triggerOrNull,
        int attempt,
        EventPublisher publisher,
        Clock clock,
        CallHooks call,
        String triggerTopicOrNull) implements NodeContext {

    /** A context outside any call (a node's {@code start}, a test): nothing to dead-letter, nothing retried. */
    public CallContext(String nodeId, NodeContract contract, String correlationId, String causationIdOrNull,
            EventEnvelope triggerOrNull, int attempt, EventPublisher publisher, Clock clock) {
        this(nodeId, contract, correlationId, causationIdOrNull, triggerOrNull, attempt, publisher, clock,
                CallHooks.OUTSIDE_A_CALL, null);
    }

    @Override
    public Optional<String> triggerTopic() {
        return Optional.ofNullable(triggerTopicOrNull);
    }

    @Override
    public Optional<String> causationId() {
        return Optional.ofNullable(causationIdOrNull);
    }

    @Override
    public Optional<EventEnvelope> trigger() {
        return Optional.ofNullable(triggerOrNull);
    }

    @Override
    public Map<String, Object> config() {
        return contract.config();
    }

    @Override
    public void deadLetterOnFinalFailure(List<AttemptedEvent> events, Consumer<AttemptedEvent> onDeadLettered) {
        call.deadLetterOnFinalFailure(List.copyOf(events), Objects.requireNonNull(onDeadLettered, "onDeadLettered"));
    }

    @Override
    public boolean isRetryable(Throwable failure) {
        return call.isRetryable(failure);
    }

    @Override
    public <T> T callState(Supplier<T> initial) {
        return call.callState(initial);
    }
}
