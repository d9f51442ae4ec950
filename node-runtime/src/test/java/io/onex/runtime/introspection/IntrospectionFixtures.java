package io.onex.runtime.introspection;

import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.api.contract.ResilienceSpec;
import io.onex.api.contract.SemanticVersion;
import io.onex.api.contract.TopicsSpec;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.health.NodeStatusSource;
import io.onex.runtime.resilience.BreakerState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Contracts, descriptors and a settable node status shared by the introspection tests. */
final class IntrospectionFixtures {

    static final String NODE_ID = "orchestrator-7f3a";
    static final String CONTRACT_NAME = "stamp_workflow_orchestrator";
    /** 2023-12-01T16:00:00.123Z */
    static final long EPOCH = 1701446400123L;
    static final Duration INTERVAL = Duration.ofSeconds(30);

    private IntrospectionFixtures() {
    }

    static NodeContract contract(NodeType type, Duration heartbeatInterval) {
        return new NodeContract(CONTRACT_NAME, SemanticVersion.parse("1.2.0"), type, "stamps files",
                "com.example.StampOrchestrator",
                new TopicsSpec(List.of("onex.evt.stamp-workflow-started.v1"), List.of("onex.evt.stamp-workflow-completed.v1")),
                ResilienceSpec.defaults(), true, heartbeatInterval, Optional.empty(), Map.of(), Optional.empty());
    }

    static NodeDescriptor descriptor(String nodeId, NodeType type) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put(IntrospectionFields.ENDPOINT_HEALTH, "http://127.0.0.1:8080/health");
        endpoints.put(IntrospectionFields.ENDPOINT_METRICS, "http://127.0.0.1:8080/metrics");
        return new NodeDescriptor(nodeId, contract(type, INTERVAL),
                List.of("dev.omninode_bridge.onex.evt.stamp-workflow-started.v1"),
                List.of("dev.omninode_bridge.onex.evt.stamp-workflow-completed.v1"),
                List.of("stamp"), endpoints, Map.of("region", "local"), "omninode_bridge", "dev-1", EPOCH);
    }

    static NodeDescriptor descriptor() {
        return descriptor(NODE_ID, NodeType.ORCHESTRATOR);
    }

    /** A node status the test sets. */
    static final class SettableStatus implements NodeStatusSource {
        volatile BreakerState breakerState = BreakerState.CLOSED;
        volatile boolean consumerHealthy = true;
        volatile int activeOperations;
        volatile Instant lastActivity;
        volatile HealthStatus groupHealth = HealthStatus.HEALTHY;

        @Override
        public BreakerState breakerState() {
            return breakerState;
        }

        @Override
        public boolean consumerHealthy() {
            return consumerHealthy;
        }

        @Override
        public int activeOperations() {
            return activeOperations;
        }

        @Override
        public Instant lastActivity() {
            return lastActivity;
        }

        @Override
        public HealthStatus groupHealth() {
            return groupHealth;
        }
    }
}
