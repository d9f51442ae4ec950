package io.onex.runtime.remote;

import io.onex.api.contract.NodeType;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.introspection.IntrospectionReason;
import io.onex.runtime.introspection.NodeCapabilities;
import io.onex.runtime.introspection.NodeHeartbeat;
import io.onex.runtime.introspection.NodeIntrospection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Feeds a directory the introspections and heartbeats other runtimes would broadcast. */
final class DirectoryFixture {
    static final Duration INTERVAL = Duration.ofSeconds(30);

    private DirectoryFixture() {
    }

    static void introspect(NodeDirectory directory, String nodeId, String nodeName, List<String> operations,
            Instant at) {
        directory.applyIntrospection(new NodeIntrospection(nodeId, nodeName, NodeType.EFFECT, "1.0.0",
                new NodeCapabilities(operations, List.of(), List.of(), nodeName, "1.0.0"), Map.of(), Map.of(),
                IntrospectionReason.STARTUP, "", "", at.toEpochMilli()), at);
        heartbeat(directory, nodeId, at);
    }

    static void heartbeat(NodeDirectory directory, String nodeId, Instant at) {
        directory.applyHeartbeat(new NodeHeartbeat(nodeId, NodeType.EFFECT, HealthStatus.HEALTHY, 1, at, 0, null,
                Map.of(), INTERVAL), at);
    }
}
