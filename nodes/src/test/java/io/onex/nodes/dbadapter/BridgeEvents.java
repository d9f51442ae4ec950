package io.onex.nodes.dbadapter;

import io.onex.runtime.inject.WorkflowModule;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.OutboundEvent;
import io.onex.api.bridge.ReducerEventFields;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.contract.NodeType;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.introspection.IntrospectionReason;
import io.onex.runtime.introspection.NodeCapabilities;
import io.onex.runtime.introspection.NodeHeartbeat;
import io.onex.runtime.introspection.NodeIntrospection;
import io.onex.runtime.introspection.ResourceUsage;
import io.onex.runtime.testing.RecordingEventPublisher;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowEngine;
import io.onex.runtime.workflow.WorkflowListener;
import io.onex.runtime.workflow.WorkflowLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bridge events as their producers write them, read back the way the adapter's consumer reads them (encoded to the
 * wire and decoded): the workflow events from a real {@link WorkflowEngine} run, introspection and heartbeats from
 * their records' {@code toPayload()}, stamp and reducer events from the documented field constants.
 */
final class BridgeEvents {

    static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static final EventSource ORCHESTRATOR = new EventSource("omninode_bridge", "orchestrator", "orch-1");
    private static final EventSource REDUCER = new EventSource("omninode_bridge", "reducer", "reducer-1");

    private Instant clock = Instant.parse("2026-11-24T04:00:00Z");

    /** The events of one workflow run with two steps; the second step fails when {@code fail}. */
    List<EventEnvelope> workflowRun(boolean fail) throws Exception {
        WorkflowDefinition wf = new WorkflowLoader(Map.of("echo", NodeType.COMPUTE)).parse("""
                name: stamp_file
                version: 1.0.0
                steps:
                  - {name: hash, type: compute, node: echo}
                  - {name: stamp, type: compute, node: echo, depends_on: [hash]}
                """, Path.of("stamp_file.yaml"));
        RecordingEventPublisher publisher = new RecordingEventPublisher();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            WorkflowEngine engine = WorkflowEngine.builder().publisher(publisher).scheduler(scheduler)
                    .eventTopics(WorkflowModule.BRIDGE_EVENT_TOPICS)
                    .invoker((node, input, call) -> fail && call.step().equals("stamp")
                            ? CompletableFuture.failedFuture(new IllegalStateException("disk full"))
                            : CompletableFuture.completedFuture(Map.of("ok", true)))
                    .build();
            engine.start(wf, Map.of(), UUID.randomUUID().toString(), WorkflowListener.NONE).result()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            scheduler.shutdownNow();
        }
        List<EventEnvelope> out = new ArrayList<>();
        for (OutboundEvent e : publisher.attempts()) {
            out.add(wire(EventEnvelope.create(e.eventType(), e.correlationId(), null, tick(), ORCHESTRATOR,
                    Map.of(), e.payload())));
        }
        return out;
    }

    EventEnvelope stampCreated(String workflowId, String correlationId, String stampId, String fileHash) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(StampEventFields.STAMP_ID, stampId);
        p.put(StampEventFields.WORKFLOW_ID, workflowId);
        p.put(StampEventFields.FILE_HASH, fileHash);
        p.put(StampEventFields.HASH_ALGORITHM, StampEventFields.HASH_ALGORITHM_BLAKE3);
        p.put(StampEventFields.NAMESPACE, "docs");
        p.put(StampEventFields.FILE_NAME, "README.md");
        p.put(StampEventFields.FILE_SIZE_BYTES, 1234);
        p.put(StampEventFields.CONTENT_TYPE, "text/markdown");
        p.put(StampEventFields.FILE_TYPE, "md");
        p.put(StampEventFields.CREATED_AT, "2026-11-24T04:00:00Z");
        return orchestrator(StampEventFields.STAMP_CREATED, correlationId, p);
    }

    EventEnvelope hashGenerated(String workflowId, String correlationId, String fileHash) {
        return orchestrator(StampEventFields.HASH_GENERATED, correlationId, Map.of(StampEventFields.WORKFLOW_ID,
                workflowId, StampEventFields.FILE_HASH, fileHash, StampEventFields.HASH_ALGORITHM, "blake3",
                StampEventFields.HASH_DURATION_MS, 3));
    }

    EventEnvelope intelligenceRequested(String workflowId, String correlationId) {
        return orchestrator(StampEventFields.INTELLIGENCE_REQUESTED, correlationId, Map.of(
                StampEventFields.WORKFLOW_ID, workflowId, StampEventFields.REQUEST_ID, UUID.randomUUID().toString(),
                StampEventFields.TIMEOUT_MS, 5000));
    }

    EventEnvelope intelligenceReceived(String workflowId, String correlationId, String status) {
        return orchestrator(StampEventFields.INTELLIGENCE_RECEIVED, correlationId, Map.of(
                StampEventFields.WORKFLOW_ID, workflowId, StampEventFields.REQUEST_ID, UUID.randomUUID().toString(),
                StampEventFields.INTELLIGENCE_STATUS, status));
    }

    EventEnvelope aggregationCompleted(String bridgeId, int workflows, int stamps, long bytes) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ReducerEventFields.AGGREGATION_ID, UUID.randomUUID().toString());
        p.put(ReducerEventFields.AGGREGATION_TYPE, ReducerEventFields.AGGREGATION_TYPE_NAMESPACE);
        p.put(ReducerEventFields.NAMESPACE, "docs");
        p.put(ReducerEventFields.BRIDGE_ID, bridgeId);
        p.put(ReducerEventFields.WINDOW_CLOSE_REASON, ReducerEventFields.CLOSE_REASON_COUNT);
        p.put(ReducerEventFields.ITEMS_PROCESSED, stamps);
        p.put(ReducerEventFields.DURATION_MS, 12);
        p.put(ReducerEventFields.TOTAL_STAMPS, stamps);
        p.put(ReducerEventFields.TOTAL_SIZE_BYTES, bytes);
        p.put(ReducerEventFields.TOTAL_WORKFLOWS, workflows);
        p.put(ReducerEventFields.FILE_TYPES, List.of("md", "yaml"));
        p.put(ReducerEventFields.WORKFLOW_IDS, List.of(UUID.randomUUID().toString()));
        p.put(ReducerEventFields.WORKFLOW_IDS_TOTAL, workflows);
        return reducer(ReducerEventFields.AGGREGATION_COMPLETED, p);
    }

    /** One of the reducer's events that have no table of their own. */
    EventEnvelope reducerRecord(String eventType) {
        return reducer(eventType, Map.of(ReducerEventFields.AGGREGATION_ID, UUID.randomUUID().toString(),
                ReducerEventFields.NAMESPACE, "docs", ReducerEventFields.ITEMS_PROCESSED, 10));
    }

    EventEnvelope fsm(String eventType, String entityId, String from, String to, String event) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ReducerEventFields.ENTITY_ID, entityId);
        p.put(ReducerEventFields.ENTITY_TYPE, "aggregation");
        if (from != null) {
            p.put(ReducerEventFields.FROM_STATE, from);
        }
        p.put(ReducerEventFields.TO_STATE, to);
        p.put(ReducerEventFields.TRANSITION_EVENT, event);
        return reducer(eventType, p);
    }

    EventEnvelope introspection(String nodeId, String version) {
        NodeIntrospection in = new NodeIntrospection(nodeId, "bridge_reducer", NodeType.REDUCER, version,
                new NodeCapabilities(List.of("aggregate"), List.of("a.v1"), List.of("b.v1"), "bridge_reducer", version),
                Map.of("health", "http://127.0.0.1:8085/health"), Map.of("zone", "a"), IntrospectionReason.STARTUP,
                "", "", 1L);
        return wire(EventEnvelope.create(EventTypes.NODE_INTROSPECTION, UUID.randomUUID().toString(), null, tick(),
                new EventSource("omninode_bridge", "reducer", nodeId), Map.of(), in.toPayload()));
    }

    EventEnvelope heartbeat(String nodeId, HealthStatus health) {
        Instant at = tick();
        NodeHeartbeat hb = new NodeHeartbeat(nodeId, NodeType.REDUCER, health, 5, at, 0, ResourceUsage.NONE,
                Map.of(), Duration.ofSeconds(30));
        return wire(EventEnvelope.create(EventTypes.NODE_HEARTBEAT, UUID.randomUUID().toString(), null, at,
                new EventSource("omninode_bridge", "reducer", nodeId), Map.of(), hb.toPayload()));
    }

    /** An envelope of any type with any payload (for bad input). */
    EventEnvelope raw(String eventType, Map<String, ?> payload) {
        return orchestrator(eventType, UUID.randomUUID().toString(), payload);
    }

    private EventEnvelope orchestrator(String type, String correlationId, Map<String, ?> payload) {
        return wire(EventEnvelope.create(type, correlationId, null, tick(), ORCHESTRATOR, Map.of(), payload));
    }

    private EventEnvelope reducer(String type, Map<String, ?> payload) {
        return wire(EventEnvelope.create(type, UUID.randomUUID().toString(), null, tick(), REDUCER, Map.of(), payload));
    }

    private Instant tick() {
        clock = clock.plusMillis(1);
        return clock;
    }

    /** What a consumer decodes from the record the producer wrote. */
    static EventEnvelope wire(EventEnvelope e) {
        return CODEC.decode(CODEC.encode(e));
    }
}
