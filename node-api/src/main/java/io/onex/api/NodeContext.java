package io.onex.api;

import io.onex.api.contract.NodeContract;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything a node may use during one call. Immutable; a new one is made per attempt.
 *
 * <p>The correlation id rides here, not in thread-locals: events published through {@link #publisher()} carry it
 * (and the consumed event's id as causation id) unless the event sets its own.
 */
public interface NodeContext {

    /** This node instance's id, as in its introspection and heartbeats. */
    String nodeId();

    /** The node's contract, as loaded and validated. */
    NodeContract contract();

    /** The correlation id of the call. */
    String correlationId();

    /** The id of the event that caused this call, if the call came from a consumed record. */
    Optional<String> causationId();

    /** The consumed envelope that triggered this call, if any. */
    Optional<EventEnvelope> trigger();

    /**
     * The topic (full name) the triggering record was consumed from, if the call came from a consumed record:
     * consumers that accept several spellings of an event decide what it is by its topic first.
     */
    default Optional<String> triggerTopic() {
        return Optional.empty();
    }

    /** The attempt number, starting at 1. */
    int attempt();

    /** Publishes envelopes on behalf of this node, stamped with its source and this call's correlation id. */
    EventPublisher publisher();

    /** The runtime's clock; use it instead of {@code System.currentTimeMillis()} so tests control time. */
    Clock clock();

    /** The node-specific configuration from the contract's {@code config:} section, defaults applied. */
    Map<String, Object> config();

    /**
     * Says what this attempt tries to publish, so that if the call fails for good the runtime writes these events to
     * their dead-letter topics ({@code <topic>.dlq}, each with its envelope, key and headers, the error and the
     * attempt count) instead of the call's input, once. Which failure is final is the pipeline's decision alone,
     * made with the retry policy in force for the call (the contract's, or a workflow step's own {@code retry:}): a
     * node does not count attempts. Nothing is written when the contract disables dead letters, when the failure is
     * a {@link DownstreamUnavailableException}, or when the call succeeds. A later registration (in this attempt or
     * a later one) replaces an earlier one.
     *
     * <pre>{@code
     * AttemptedEvent attempted = new AttemptedEvent(topic, key, envelope, Map.of());
     * context.deadLetterOnFinalFailure(List.of(attempted), event -> deadLettered.increment());
     * return send(attempted);   // fails the attempt when the broker refuses it
     * }</pre>
     *
     * @param events the events the attempt sends (all of an atomic batch: they fail together)
     * @param onDeadLettered called once for each event written to its dead-letter topic (a metric, say); must not
     *     block
     */
    void deadLetterOnFinalFailure(List<AttemptedEvent> events, Consumer<AttemptedEvent> onDeadLettered);

    /** {@link #deadLetterOnFinalFailure(List, Consumer)} without a callback. */
    default void deadLetterOnFinalFailure(List<AttemptedEvent> events) {
        deadLetterOnFinalFailure(events, event -> { });
    }

    /**
     * Whether the runtime would try this call again after {@code failure}, by the retry policy in force for the call
     * (its {@code retry_on}, {@code never_retry_on} and {@link NonRetryableException}), attempts left aside: for a
     * node that wraps a failure and wants the wrapper classified as the failure inside it would be.
     *
     * @param failure a failure of this attempt
     * @return false when the failure is never retried
     */
    boolean isRetryable(Throwable failure);

    /**
     * What the attempts of this call share: the value {@code initial} makes when an attempt of the call first asks,
     * and that same object for every later attempt of the call; it is dropped with the call. For a node whose retry
     * must know what an earlier attempt did: an event id to keep, a send the producer still holds after the attempt
     * timed out. One value per call (a node keeps one type there); make it thread-safe, since an earlier attempt's
     * work may complete on another thread while a later attempt runs. A context outside a call has no later attempt:
     * it makes a new value each time.
     *
     * <pre>{@code
     * PendingSend pending = context.callState(PendingSend::new);
     * return pending.sendUnlessPending(() -> producer.send(record));   // a retry joins the send still in flight
     * }</pre>
     *
     * @param initial makes the value on the call's first ask
     * @return the call's value
     */
    default <T> T callState(Supplier<T> initial) {
        return initial.get();
    }
}
