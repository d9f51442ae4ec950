package io.onex.nodes.seed;

import io.onex.api.topic.BridgeTopics;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Records as the Python services write them ({@code 001_9bb7d5109e5b7cfc.txt}'s WorkflowEvent and AggregationEvent
 * schemas): the enum names as event types, {@code workflow_id} / {@code workflow_state} / {@code aggregation_id} /
 * {@code aggregation_type} at the top level, {@code metadata.source_node} / {@code node_version}, no {@code source}
 * and no {@code version}, ISO-8601 timestamps from {@code datetime.now(timezone.utc).isoformat()}, and the bytes of
 * {@code json.dumps}. One stamping run and one aggregation window, each on its topic.
 */
public final class PythonServiceEvents {

    private static final DateTimeFormatter ISOFORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    /** One record: the topic (ONEX reference) and the value's bytes. */
    public record Sent(String topic, String eventType, byte[] value) {
    }

    public final String workflowId = UUID.randomUUID().toString();
    public final String correlationId = UUID.randomUUID().toString();
    public final String aggregationId = UUID.randomUUID().toString();
    public final String fileHash = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262";
    public final String namespace = "docs";
    public final long fileSizeBytes = 1234;

    private Instant clock = Instant.parse("2026-11-24T04:00:00.123456Z");

    public Sent workflowStarted() {
        return workflow(BridgeTopics.STAMP_WORKFLOW_STARTED, "WORKFLOW_STARTED", "processing", Map.of());
    }

    public Sent stepCompleted(String stepName) {
        return workflow(BridgeTopics.WORKFLOW_STEP_COMPLETED, "STEP_COMPLETED", "processing",
                ordered("step_name", stepName, "duration_ms", 1.5));
    }

    public Sent hashGenerated() {
        return workflow(BridgeTopics.BLAKE3_HASH_GENERATED, "HASH_GENERATED", "processing",
                ordered("file_hash", fileHash, "hash_duration_ms", 0.42));
    }

    public Sent intelligenceRequested() {
        return workflow(BridgeTopics.INTELLIGENCE_REQUESTED, "INTELLIGENCE_REQUESTED", "processing", Map.of());
    }

    public Sent intelligenceReceived() {
        return workflow(BridgeTopics.INTELLIGENCE_RECEIVED, "INTELLIGENCE_RECEIVED", "processing", Map.of());
    }

    public Sent stampCreated() {
        return workflow(BridgeTopics.METADATA_STAMP_CREATED, "STAMP_CREATED", "processing",
                ordered("file_hash", fileHash, "namespace", namespace, "file_name", "R\u00e9sum\u00e9.md",
                        "file_size_bytes", fileSizeBytes, "file_type", "md", "content_type", "text/markdown"));
    }

    public Sent stateTransition() {
        return workflow(BridgeTopics.WORKFLOW_STATE_TRANSITION, "STATE_TRANSITION", "completed",
                ordered("from_state", "processing", "to_state", "completed"));
    }

    public Sent workflowCompleted() {
        return workflow(BridgeTopics.STAMP_WORKFLOW_COMPLETED, "WORKFLOW_COMPLETED", "completed",
                ordered("duration_ms", 12.0, "step_results", ordered("hash", ordered("status", "completed"),
                        "stamp", ordered("status", "completed"))));
    }

    public Sent aggregationStarted() {
        return aggregation(BridgeTopics.AGGREGATION_STARTED, "AGGREGATION_STARTED", null,
                ordered("items_processed", 0, "duration_ms", 0));
    }

    public Sent batchProcessed() {
        return aggregation(BridgeTopics.BATCH_PROCESSED, "BATCH_PROCESSED", 1,
                ordered("items_processed", 1, "duration_ms", 4.0));
    }

    public Sent statePersisted() {
        return aggregation(BridgeTopics.STATE_PERSISTED, "STATE_PERSISTED", 1,
                ordered("items_processed", 1, "duration_ms", 5.0, "state_snapshot", ordered(namespace,
                        ordered("total_stamps", 1, "total_size_bytes", fileSizeBytes))));
    }

    public Sent aggregationCompleted() {
        return aggregation(BridgeTopics.AGGREGATION_COMPLETED, "AGGREGATION_COMPLETED", 1,
                ordered("items_processed", 1, "duration_ms", 5.0, "state_snapshot", ordered(namespace,
                        ordered("total_stamps", 1, "total_size_bytes", fileSizeBytes))));
    }

    public Sent fsmInitialized() {
        return aggregation(BridgeTopics.FSM_STATE_INITIALIZED, "FSM_STATE_INITIALIZED", null,
                ordered("to_state", "idle"));
    }

    public Sent fsmTransitioned() {
        return aggregation(BridgeTopics.FSM_STATE_TRANSITIONED, "FSM_STATE_TRANSITIONED", null,
                ordered("from_state", "idle", "to_state", "aggregating", "transition_event", "window_opened"));
    }

    /** A record on {@code topic} with any event type, in the Python services' shape. */
    public Sent onTopic(String topic, String eventType) {
        return workflow(topic, eventType, "processing", Map.of());
    }

    private Sent workflow(String topic, String eventType, String state, Map<String, Object> payload) {
        Map<String, Object> e = head(eventType);
        e.put("workflow_id", workflowId);
        e.put("workflow_state", state);
        e.put("metadata", ordered("source_node", "orchestrator", "node_version", "v1.0.0", "environment", "dev"));
        e.put("payload", payload);
        return new Sent(topic, eventType, PythonJson.dumps(e));
    }

    private Sent aggregation(String topic, String eventType, Integer batchSize, Map<String, Object> payload) {
        Map<String, Object> e = head(eventType);
        e.put("aggregation_id", aggregationId);
        e.put("aggregation_type", "namespace_grouping");
        Map<String, Object> metadata = ordered("source_node", "reducer", "node_version", "v1.0.0");
        if (batchSize != null) {
            metadata.put("batch_size", batchSize);
        }
        e.put("metadata", metadata);
        e.put("payload", payload);
        return new Sent(topic, eventType, PythonJson.dumps(e));
    }

    private Map<String, Object> head(String eventType) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", UUID.randomUUID().toString());
        e.put("correlation_id", eventType.startsWith("AGGREGATION") || eventType.startsWith("FSM")
                || eventType.equals("BATCH_PROCESSED") || eventType.equals("STATE_PERSISTED")
                ? aggregationId : correlationId);
        e.put("event_type", eventType);
        clock = clock.plusMillis(7);
        e.put("timestamp", ISOFORMAT.format(clock));
        return e;
    }

    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
