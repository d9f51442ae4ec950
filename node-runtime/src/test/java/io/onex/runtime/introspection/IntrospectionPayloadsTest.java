package io.onex.runtime.introspection;

import static io.onex.runtime.introspection.IntrospectionFixtures.NODE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.InvalidInputException;
import io.onex.api.contract.NodeType;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.health.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrospectionPayloadsTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();

    private final NodeHeartbeat heartbeat = new NodeHeartbeat(NODE_ID, NodeType.ORCHESTRATOR, HealthStatus.DEGRADED, 90,
            Instant.parse("2023-12-01T16:01:20.500Z"), 2, new ResourceUsage(128.54, 12.25),
            Map.of("stamp_workflow_orchestrator", "half_open"), Duration.ofSeconds(30));

    @Test
    void introspectionPayloadHasExactlyTheWireFields() throws Exception {
        Map<String, Object> payload = IntrospectionFixtures.descriptor().introspection(IntrospectionReason.STARTUP).toPayload();

        assertThat(codec.mapper().writeValueAsString(payload)).isEqualTo("{"
                + "\"node_id\":\"orchestrator-7f3a\","
                + "\"node_name\":\"stamp_workflow_orchestrator\","
                + "\"node_type\":\"orchestrator\","
                + "\"node_version\":\"1.2.0\","
                + "\"capabilities\":{"
                + "\"operations\":[\"stamp\"],"
                + "\"subscribed_topics\":[\"dev.omninode_bridge.onex.evt.stamp-workflow-started.v1\"],"
                + "\"published_topics\":[\"dev.omninode_bridge.onex.evt.stamp-workflow-completed.v1\"],"
                + "\"contract_name\":\"stamp_workflow_orchestrator\","
                + "\"contract_version\":\"1.2.0\"},"
                + "\"endpoints\":{\"health\":\"http://127.0.0.1:8080/health\",\"metrics\":\"http://127.0.0.1:8080/metrics\"},"
                + "\"metadata\":{\"region\":\"local\"},"
                + "\"reason\":\"startup\","
                + "\"network_id\":\"omninode_bridge\","
                + "\"deployment_id\":\"dev-1\","
                + "\"epoch\":1701446400123}");
    }

    @Test
    void heartbeatPayloadHasExactlyTheWireFields() throws Exception {
        assertThat(codec.mapper().writeValueAsString(heartbeat.toPayload())).isEqualTo("{"
                + "\"node_id\":\"orchestrator-7f3a\","
                + "\"node_type\":\"orchestrator\","
                + "\"health_status\":\"degraded\","
                + "\"uptime_seconds\":90,"
                + "\"last_activity_timestamp\":1701446480.5,"
                + "\"active_operations\":2,"
                + "\"resource_usage\":{\"memory_mb\":128.5,\"cpu_percent\":12.3},"
                + "\"circuit_breakers\":{\"stamp_workflow_orchestrator\":\"half_open\"},"
                + "\"heartbeat_interval_seconds\":30}");
    }

    @Test
    void wholeSecondTimestampsAreWrittenWithoutExponent() throws Exception {
        NodeHeartbeat atWholeSecond = new NodeHeartbeat(NODE_ID, NodeType.EFFECT, HealthStatus.HEALTHY, 0,
                Instant.ofEpochSecond(1701446480), 0, ResourceUsage.NONE, Map.of(), Duration.ofMillis(1500));

        String json = codec.mapper().writeValueAsString(atWholeSecond.toPayload());

        assertThat(json).contains("\"last_activity_timestamp\":1701446480,")
                .contains("\"heartbeat_interval_seconds\":1.5}");
    }

    @Test
    void introspectionReadsBackWhatItWroteAcrossTheWire() {
        NodeIntrospection written = IntrospectionFixtures.descriptor().introspection(IntrospectionReason.REGISTRY_REQUEST);

        assertThat(NodeIntrospection.fromPayload(acrossTheWire(EventTypes.NODE_INTROSPECTION, written.toPayload())))
                .isEqualTo(written);
    }

    @Test
    void heartbeatReadsBackWhatItWroteAcrossTheWire() {
        NodeHeartbeat read = NodeHeartbeat.fromPayload(acrossTheWire(EventTypes.NODE_HEARTBEAT, heartbeat.toPayload()));

        // resource usage is rounded to one decimal on the wire; everything else is exact
        assertThat(read).isEqualTo(new NodeHeartbeat(NODE_ID, NodeType.ORCHESTRATOR, HealthStatus.DEGRADED, 90,
                Instant.parse("2023-12-01T16:01:20.500Z"), 2, new ResourceUsage(128.5, 12.3),
                Map.of("stamp_workflow_orchestrator", "half_open"), Duration.ofSeconds(30)));
    }

    @Test
    void aHeartbeatWithItsInstancesEpochWritesItAndReadsItBack() {
        NodeHeartbeat withEpoch = new NodeHeartbeat(heartbeat.nodeId(), heartbeat.nodeType(), heartbeat.healthStatus(),
                heartbeat.uptimeSeconds(), heartbeat.lastActivityTimestamp(), heartbeat.activeOperations(),
                heartbeat.resourceUsage(), heartbeat.circuitBreakers(), heartbeat.heartbeatInterval(), 1701446400123L);

        Map<String, Object> payload = withEpoch.toPayload();

        assertThat(payload).containsEntry(IntrospectionFields.EPOCH, 1701446400123L);
        assertThat(NodeHeartbeat.fromPayload(payload).epoch()).isEqualTo(1701446400123L);
        assertThat(heartbeat.toPayload()).as("no epoch, no field: WIRE.md's heartbeat").doesNotContainKey("epoch");
        assertThat(NodeHeartbeat.fromPayload(heartbeat.toPayload()).epoch()).isZero();
    }

    @Test
    void registryRequestReadsBackWhatItWroteAcrossTheWire() {
        RegistryIntrospectionRequest written = new RegistryIntrospectionRequest("registry-1",
                RegistryRequestReason.RECOVERY, List.of("reducer", "effect"), 2500);

        assertThat(RegistryIntrospectionRequest.fromPayload(
                acrossTheWire(EventTypes.REGISTRY_REQUEST_INTROSPECTION, written.toPayload()))).isEqualTo(written);
    }

    @Test
    void heartbeatAcceptsAnIsoTimestampAsPythonServicesWriteIt() {
        Map<String, Object> payload = new HashMap<>(heartbeat.toPayload());
        payload.put(IntrospectionFields.LAST_ACTIVITY_TIMESTAMP, "2023-12-01T16:01:20.500");

        assertThat(NodeHeartbeat.fromPayload(payload).lastActivityTimestamp())
                .isEqualTo(Instant.parse("2023-12-01T16:01:20.500Z"));
    }

    @Test
    void registryRequestDefaultsToAllNodeTypesAndFiveSeconds() {
        RegistryIntrospectionRequest request = RegistryIntrospectionRequest.fromPayload(
                Map.of("registry_id", "registry-1", "reason", "startup"));

        assertThat(request.targetNodeTypes()).isEmpty();
        assertThat(request.responseTimeoutMs()).isEqualTo(5000);
        assertThat(request.targets(NodeType.COMPUTE)).isTrue();
    }

    @Test
    void registryRequestClampsTheTimeoutToThirtySeconds() {
        RegistryIntrospectionRequest request = RegistryIntrospectionRequest.fromPayload(
                Map.of("registry_id", "registry-1", "reason", "refresh", "response_timeout_ms", 120000));

        assertThat(request.responseTimeoutMs()).isEqualTo(30000);
    }

    @Test
    void registryRequestRefusesAZeroTimeout() {
        assertThatThrownBy(() -> RegistryIntrospectionRequest.fromPayload(
                Map.of("registry_id", "registry-1", "reason", "refresh", "response_timeout_ms", 0)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("registry-request-introspection payload field 'response_timeout_ms' is 0: expected 1 to 30000");
    }

    @Test
    void registryRequestRefusesAnUnknownReasonNamingTheField() {
        assertThatThrownBy(() -> RegistryIntrospectionRequest.fromPayload(
                Map.of("registry_id", "registry-1", "reason", "periodic")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("registry-request-introspection payload field 'reason': registry request reason must be one"
                        + " of startup, recovery, refresh, manual, but was 'periodic'");
    }

    @Test
    void registryRequestRefusesAMissingRegistryId() {
        assertThatThrownBy(() -> RegistryIntrospectionRequest.fromPayload(Map.of("reason", "manual")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("registry-request-introspection payload field 'registry_id' is missing: expected a string");
    }

    @Test
    void targetNodeTypesSelectWhichNodesAnswerIgnoringCase() {
        RegistryIntrospectionRequest request = new RegistryIntrospectionRequest("registry-1",
                RegistryRequestReason.MANUAL, List.of("REDUCER", "registry"), 5000);

        assertThat(request.targets(NodeType.REDUCER)).isTrue();
        assertThat(request.targets(NodeType.ORCHESTRATOR)).isFalse();
    }

    @Test
    void nestedFieldOfTheWrongTypeIsNamedWithItsPath() {
        Map<String, Object> payload = new HashMap<>(heartbeat.toPayload());
        payload.put(IntrospectionFields.RESOURCE_USAGE, Map.of("memory_mb", "lots"));

        assertThatThrownBy(() -> NodeHeartbeat.fromPayload(payload))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("node-heartbeat payload field 'resource_usage.memory_mb' is a string: expected a number");
    }

    @Test
    void introspectionRefusesAnUnknownNodeType() {
        Map<String, Object> payload = new HashMap<>(
                IntrospectionFixtures.descriptor().introspection(IntrospectionReason.STARTUP).toPayload());
        payload.put(IntrospectionFields.NODE_TYPE, "gateway");

        assertThatThrownBy(() -> NodeIntrospection.fromPayload(payload))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("node-introspection payload field 'node_type': node type must be one of effect, compute,"
                        + " reducer, orchestrator, but was 'gateway'");
    }

    /** Wraps the payload in an envelope, encodes it to bytes and decodes it, as producer and consumer would. */
    private Map<String, Object> acrossTheWire(String eventType, Map<String, Object> payload) {
        EventEnvelope sent = EventEnvelope.create(eventType, "corr-1", null, Instant.parse("2023-12-01T16:00:00Z"),
                new EventSource("omninode_bridge", "orchestrator", NODE_ID), Map.of(), payload);
        return codec.decode(codec.encode(sent)).payload();
    }
}
