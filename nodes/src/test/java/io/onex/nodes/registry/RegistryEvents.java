package io.onex.nodes.registry;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.contract.NodeType;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.introspection.IntrospectionReason;
import io.onex.runtime.introspection.NodeCapabilities;
import io.onex.runtime.introspection.NodeHeartbeat;
import io.onex.runtime.introspection.NodeIntrospection;
import io.onex.runtime.introspection.ResourceUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds introspection and heartbeat envelopes as a node's broadcaster writes them (through the wire form). */
final class RegistryEvents {

    private RegistryEvents() {
    }

    static NodeIntrospection introspection(String nodeId, String name, NodeType type, long epoch,
            IntrospectionReason reason, List<String> operations, List<String> subscribed, List<String> published) {
        return new NodeIntrospection(nodeId, name, type, "1.2.0",
                new NodeCapabilities(operations, subscribed, published, name, "1.2.0"), Map.of(), Map.of(), reason,
                "", "", epoch);
    }

    static NodeIntrospection startup(String nodeId, String name, long epoch) {
        return introspection(nodeId, name, NodeType.EFFECT, epoch, IntrospectionReason.STARTUP, List.of("publish"),
                List.of("in.v1"), List.of("out.v1"));
    }

    static EventEnvelope envelope(NodeIntrospection in, Instant at) {
        return EventEnvelope.create(EventTypes.NODE_INTROSPECTION, UUID.randomUUID().toString(), null, at,
                new EventSource("test", in.nodeType().wireName(), in.nodeId()), Map.of(), in.toPayload());
    }

    static EventEnvelope heartbeat(String nodeId, Duration interval, String breakerState, Instant at) {
        return heartbeat(nodeId, interval, breakerState, at, 0);
    }

    static EventEnvelope heartbeat(String nodeId, Duration interval, String breakerState, Instant at, long epoch) {
        return heartbeat(nodeId, NodeType.EFFECT, interval, breakerState, at, epoch);
    }

    static EventEnvelope heartbeat(String nodeId, NodeType type, Duration interval, String breakerState, Instant at,
            long epoch) {
        NodeHeartbeat hb = new NodeHeartbeat(nodeId, type, HealthStatus.HEALTHY, 5, at, 0,
                ResourceUsage.NONE, Map.of("breaker", breakerState), interval, epoch);
        return EventEnvelope.create(EventTypes.NODE_HEARTBEAT, UUID.randomUUID().toString(), null, at,
                new EventSource("test", type.wireName(), nodeId), Map.of(), hb.toPayload());
    }
}
