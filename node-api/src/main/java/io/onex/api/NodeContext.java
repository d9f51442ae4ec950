package io.onex.api;

import io.onex.api.contract.NodeContract;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

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
}
