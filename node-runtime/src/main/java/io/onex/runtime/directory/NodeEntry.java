package io.onex.runtime.directory;

import io.onex.api.contract.NodeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the registry knows about one node instance at one moment. Immutable: the directory replaces the entry on
 * every change.
 *
 * @param nodeId the instance's id
 * @param nodeName its name (contract name); the node id while only heartbeats have been seen
 * @param nodeType effect, compute, reducer or orchestrator
 * @param nodeVersion its version; empty while only heartbeats have been seen
 * @param status its liveness
 * @param lastHeartbeatOrNull when its last heartbeat was sent (the event's timestamp), null before the first
 * @param lastSeen when it last gave a sign of life (heartbeat or introspection), by the event's timestamp
 * @param heartbeatInterval the interval it announced in its heartbeats (30 s, WIRE.md's default, before the first)
 * @param circuitBreakers breaker states by breaker name, from its last heartbeat
 * @param epoch the instance's start time in epoch millis (0 while only heartbeats have been seen)
 * @param subscribedTopics topics it consumes
 * @param publishedTopics topics it publishes to
 * @param operations the operations it offers
 * @param introspected whether an introspection has been seen (false: known from heartbeats only)
 * @param requestTopic the topic its call requests go to, as its introspection announced it (metadata
 *     {@code request_topic}); empty when not announced (callers derive the default)
 */
public record NodeEntry(
        String nodeId,
        String nodeName,
        NodeType nodeType,
        String nodeVersion,
        NodeStatus status,
        Instant lastHeartbeatOrNull,
        Instant lastSeen,
        Duration heartbeatInterval,
        Map<String, String> circuitBreakers,
        long epoch,
        List<String> subscribedTopics,
        List<String> publishedTopics,
        List<String> operations,
        boolean introspected,
        String requestTopic) {

    public NodeEntry {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(nodeType, "nodeType");
        Objects.requireNonNull(nodeVersion, "nodeVersion");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        circuitBreakers = circuitBreakers == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(circuitBreakers));
        subscribedTopics = subscribedTopics == null ? List.of() : List.copyOf(subscribedTopics);
        publishedTopics = publishedTopics == null ? List.of() : List.copyOf(publishedTopics);
        operations = operations == null ? List.of() : List.copyOf(operations);
        requestTopic = requestTopic == null ? "" : requestTopic;
    }

    /** An entry without an announced request topic. */
    public NodeEntry(String nodeId, String nodeName, NodeType nodeType, String nodeVersion, NodeStatus status,
            Instant lastHeartbeatOrNull, Instant lastSeen, Duration heartbeatInterval,
            Map<String, String> circuitBreakers, long epoch, List<String> subscribedTopics,
            List<String> publishedTopics, List<String> operations, boolean introspected) {
        this(nodeId, nodeName, nodeType, nodeVersion, status, lastHeartbeatOrNull, lastSeen, heartbeatInterval,
                circuitBreakers, epoch, subscribedTopics, publishedTopics, operations, introspected, "");
    }

    /** When its last heartbeat was sent, if one has been seen. */
    public Optional<Instant> lastHeartbeat() {
        return Optional.ofNullable(lastHeartbeatOrNull);
    }

    /** Whether it subscribes or publishes to the topic (full name). */
    public boolean usesTopic(String topic) {
        return subscribedTopics.contains(topic) || publishedTopics.contains(topic);
    }

    public NodeEntry withStatus(NodeStatus newStatus) {
        return new NodeEntry(nodeId, nodeName, nodeType, nodeVersion, newStatus, lastHeartbeatOrNull, lastSeen,
                heartbeatInterval, circuitBreakers, epoch, subscribedTopics, publishedTopics, operations, introspected,
                requestTopic);
    }
}
