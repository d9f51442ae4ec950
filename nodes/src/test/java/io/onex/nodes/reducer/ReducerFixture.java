package io.onex.nodes.reducer;

import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.EventSource;
import io.onex.api.OutboundEvent;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import io.onex.runtime.testing.RecordingEventPublisher;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** A reducer on a recording publisher, a manual scheduler and a mutable clock, with the orchestrator's events. */
final class ReducerFixture {

    static final Path CONTRACT = Path.of("../contracts/bridge_reducer.yaml");
    static final EventSource ORCHESTRATOR = new EventSource("omninode_bridge", "orchestrator", "orchestrator-test");

    final MutableClock clock = MutableClock.atEpochSecond(1_701_446_400);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final RecordingEventPublisher publisher = new RecordingEventPublisher();
    /** Event types whose publish fails (after being recorded). */
    final Set<String> failingTypes = ConcurrentHashMap.newKeySet();
    final NodeContract contract;
    final NodeBridgeReducer node;

    ReducerFixture(int windowSize, String windowTime) {
        this(windowSize, windowTime, Set.of());
    }

    /** A reducer that learns at start that its group's windows counted {@code countedBefore} already. */
    ReducerFixture(int windowSize, String windowTime, Set<String> countedBefore) {
        contract = contract(Map.of("BRIDGE_REDUCER_WINDOW_SIZE", String.valueOf(windowSize),
                "BRIDGE_REDUCER_WINDOW_TIME", windowTime));
        // sends run on the calling thread here; the node's own executor is exercised by NodeBridgeReducerIT
        node = new NodeBridgeReducer(contract, "bridge-reducer-test1", failingWhereAsked(), clock, scheduler,
                Runnable::run, aggregator -> () -> countedBefore);
        node.start(null);
    }

    private EventPublisher failingWhereAsked() {
        return new EventPublisher() {
            @Override
            public CompletionStage<DeliveryReceipt> publish(OutboundEvent event) {
                CompletionStage<DeliveryReceipt> sent = publisher.publish(event);
                return failingTypes.contains(event.eventType())
                        ? CompletableFuture.failedFuture(new IllegalStateException(event.eventType() + " refused"))
                        : sent;
            }

            @Override
            public CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String key, EventEnvelope envelope) {
                return publisher.publishEnvelope(topic, key, envelope);
            }
        };
    }

    static NodeContract contract(Map<String, String> env) {
        try {
            return new ContractLoader(env).load(CONTRACT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<WindowAggregate> reduce(EventEnvelope event) {
        return node.reduce(event, null).toCompletableFuture();
    }

    static EventEnvelope stamp(String namespace, long size, String fileType, String workflowId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(StampEventFields.STAMP_ID, UUID.randomUUID().toString());
        p.put(StampEventFields.WORKFLOW_ID, workflowId);
        p.put(StampEventFields.FILE_HASH, "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
        p.put(StampEventFields.HASH_ALGORITHM, StampEventFields.HASH_ALGORITHM_BLAKE3);
        p.put(StampEventFields.NAMESPACE, namespace);
        p.put(StampEventFields.FILE_NAME, "file." + fileType);
        p.put(StampEventFields.FILE_SIZE_BYTES, size);
        p.put(StampEventFields.CONTENT_TYPE, "text/plain");
        p.put(StampEventFields.FILE_TYPE, fileType);
        p.put(StampEventFields.CREATED_AT, "2026-11-24T04:00:00Z");
        return envelope(StampEventFields.STAMP_CREATED, workflowId, p);
    }

    static EventEnvelope workflowCompleted(String workflowId) {
        return envelope(WorkflowEventFields.STAMP_WORKFLOW_COMPLETED, workflowId, workflowPayload(workflowId,
                WorkflowEventFields.STATE_COMPLETED));
    }

    static EventEnvelope workflowFailed(String workflowId) {
        Map<String, Object> p = workflowPayload(workflowId, WorkflowEventFields.STATE_FAILED);
        p.put(WorkflowEventFields.ERROR_MESSAGE, "hash step failed");
        return envelope(WorkflowEventFields.STAMP_WORKFLOW_FAILED, workflowId, p);
    }

    static EventEnvelope envelope(String type, String correlationId, Map<String, Object> payload) {
        return EventEnvelope.create(type, correlationId == null ? UUID.randomUUID().toString() : correlationId, null,
                Instant.ofEpochSecond(1_701_446_400), ORCHESTRATOR, Map.of(), payload);
    }

    private static Map<String, Object> workflowPayload(String workflowId, String state) {
        Map<String, Object> p = new HashMap<>();
        p.put(WorkflowEventFields.WORKFLOW_ID, workflowId);
        p.put(WorkflowEventFields.WORKFLOW_TYPE, "metadata_stamping");
        p.put(WorkflowEventFields.WORKFLOW_STATE, state);
        p.put(WorkflowEventFields.DURATION_MS, 12);
        return p;
    }

    List<OutboundEvent> sent(String eventType) {
        return publisher.attempts(eventType);
    }

    Map<String, Object> onlyPayload(String eventType) {
        List<OutboundEvent> events = sent(eventType);
        if (events.size() != 1) {
            throw new AssertionError("expected one " + eventType + " but was " + events.size() + ": " + events);
        }
        return events.get(0).payload();
    }
}
