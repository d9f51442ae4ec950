package io.onex.bench;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.bridge.ReducerEventFields;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The bench's events: what the bridge publishes while stamping files. Per file, 10 orchestrator events (workflow
 * started, transition, hash, intelligence requested and received, stamp, two steps, completed or (1 in 20)
 * failed, transition); per 50 files, a reducer window of 6 events (started, FSM move, batch, completed, state
 * persisted, FSM move); a heartbeat of one of 5 nodes every 500 events. Field names are the producers' constants.
 */
final class BenchEventMix {

    private static final EventSource ORCHESTRATOR = new EventSource("omninode_bridge", "orchestrator", "bench-orch");
    private static final EventSource REDUCER = new EventSource("omninode_bridge", "reducer", "bench-reducer");

    private final SplittableRandom random = new SplittableRandom(42);
    private Instant clock = Instant.parse("2026-11-24T00:00:00Z");

    /** Exactly {@code n} events, in publish order. */
    List<EventEnvelope> generate(int n) {
        List<EventEnvelope> out = new ArrayList<>(n + 20);
        int files = 0;
        while (out.size() < n) {
            stampFlow(out, random.nextInt(20) == 0);
            if (++files % 50 == 0) {
                window(out, 50);
            }
            if (out.size() / 500 != (out.size() - 10) / 500) {
                String node = "bench-node-" + random.nextInt(5);
                out.add(envelope(EventTypes.NODE_HEARTBEAT, UUID.randomUUID().toString(), REDUCER,
                        Map.of("node_id", node, "node_type", "effect", "health_status", "healthy",
                                "uptime_seconds", 120, "active_operations", 3, "heartbeat_interval_seconds", 30)));
            }
        }
        return new ArrayList<>(out.subList(0, n));
    }

    private void stampFlow(List<EventEnvelope> out, boolean fails) {
        String wf = UUID.randomUUID().toString();
        String corr = UUID.randomUUID().toString();
        String hash = String.format("%016x", random.nextLong()).repeat(4);
        Map<String, Object> base = new LinkedHashMap<>();
        base.put(WorkflowEventFields.WORKFLOW_ID, wf);
        base.put(WorkflowEventFields.WORKFLOW_TYPE, "metadata_stamping");
        base.put(WorkflowEventFields.WORKFLOW_VERSION, "1.0.0");
        out.add(orch(WorkflowEventFields.STAMP_WORKFLOW_STARTED, corr, with(base,
                WorkflowEventFields.WORKFLOW_STATE, "processing", WorkflowEventFields.STEP_COUNT, 2)));
        out.add(orch(WorkflowEventFields.WORKFLOW_STATE_TRANSITION, corr, with(base, WorkflowEventFields.FROM_STATE,
                "pending", WorkflowEventFields.TO_STATE, "processing", WorkflowEventFields.TRANSITION_EVENT, "start")));
        out.add(orch(StampEventFields.HASH_GENERATED, corr, Map.of(StampEventFields.WORKFLOW_ID, wf,
                StampEventFields.FILE_HASH, hash, StampEventFields.HASH_ALGORITHM, "blake3",
                StampEventFields.HASH_DURATION_MS, 2)));
        out.add(orch(StampEventFields.INTELLIGENCE_REQUESTED, corr, Map.of(StampEventFields.WORKFLOW_ID, wf,
                StampEventFields.REQUEST_ID, corr, StampEventFields.TIMEOUT_MS, 5000)));
        out.add(orch(StampEventFields.INTELLIGENCE_RECEIVED, corr, Map.of(StampEventFields.WORKFLOW_ID, wf,
                StampEventFields.REQUEST_ID, corr, StampEventFields.INTELLIGENCE_STATUS, "received")));
        Map<String, Object> stamp = new LinkedHashMap<>();
        stamp.put(StampEventFields.STAMP_ID, UUID.randomUUID().toString());
        stamp.put(StampEventFields.WORKFLOW_ID, wf);
        stamp.put(StampEventFields.FILE_HASH, hash);
        stamp.put(StampEventFields.HASH_ALGORITHM, "blake3");
        stamp.put(StampEventFields.NAMESPACE, "docs");
        stamp.put(StampEventFields.FILE_NAME, "file-" + random.nextInt(100_000) + ".md");
        stamp.put(StampEventFields.FILE_SIZE_BYTES, 1000 + random.nextInt(100_000));
        stamp.put(StampEventFields.CONTENT_TYPE, "text/markdown");
        stamp.put(StampEventFields.FILE_TYPE, "md");
        stamp.put(StampEventFields.CREATED_AT, clock.toString());
        out.add(orch(StampEventFields.STAMP_CREATED, corr, stamp));
        for (int i = 0; i < 2; i++) {
            out.add(orch(WorkflowEventFields.WORKFLOW_STEP_COMPLETED, corr, with(base, WorkflowEventFields.STEP_NAME,
                    i == 0 ? "hash" : "stamp", WorkflowEventFields.STEP_ORDER, i, WorkflowEventFields.STEP_TYPE,
                    "effect", WorkflowEventFields.STEP_STATUS, "completed", WorkflowEventFields.DURATION_MS, 3)));
        }
        String end = fails ? "failed" : "completed";
        out.add(orch(fails ? WorkflowEventFields.STAMP_WORKFLOW_FAILED : WorkflowEventFields.STAMP_WORKFLOW_COMPLETED,
                corr, with(base, WorkflowEventFields.WORKFLOW_STATE, end, WorkflowEventFields.DURATION_MS, 12,
                        WorkflowEventFields.ERROR_MESSAGE, fails ? "intelligence timed out" : "")));
        out.add(orch(WorkflowEventFields.WORKFLOW_STATE_TRANSITION, corr, with(base, WorkflowEventFields.FROM_STATE,
                "processing", WorkflowEventFields.TO_STATE, end, WorkflowEventFields.TRANSITION_EVENT,
                fails ? "fail" : "complete")));
    }

    private void window(List<EventEnvelope> out, int stamps) {
        String agg = UUID.randomUUID().toString();
        Map<String, Object> base = Map.of(ReducerEventFields.AGGREGATION_ID, agg, ReducerEventFields.NAMESPACE, "docs",
                ReducerEventFields.BRIDGE_ID, "bench-bridge");
        out.add(reducer(ReducerEventFields.AGGREGATION_STARTED, base));
        out.add(reducer(ReducerEventFields.FSM_STATE_TRANSITIONED, Map.of(ReducerEventFields.ENTITY_ID, agg,
                ReducerEventFields.FROM_STATE, "idle", ReducerEventFields.TO_STATE, "aggregating",
                ReducerEventFields.TRANSITION_EVENT, "window_opened")));
        out.add(reducer(ReducerEventFields.BATCH_PROCESSED, with(base, ReducerEventFields.ITEMS_PROCESSED, stamps)));
        Map<String, Object> done = with(base, ReducerEventFields.TOTAL_STAMPS, stamps, ReducerEventFields.TOTAL_WORKFLOWS,
                stamps, ReducerEventFields.TOTAL_SIZE_BYTES, 50_000L * stamps, ReducerEventFields.ITEMS_PROCESSED, stamps);
        out.add(reducer(ReducerEventFields.AGGREGATION_COMPLETED, done));
        out.add(reducer(ReducerEventFields.STATE_PERSISTED, done));
        out.add(reducer(ReducerEventFields.FSM_STATE_TRANSITIONED, Map.of(ReducerEventFields.ENTITY_ID, agg,
                ReducerEventFields.FROM_STATE, "aggregating", ReducerEventFields.TO_STATE, "idle",
                ReducerEventFields.TRANSITION_EVENT, "window_closed")));
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private EventEnvelope orch(String type, String corr, Map<String, ?> payload) {
        return envelope(type, corr, ORCHESTRATOR, payload);
    }

    private EventEnvelope reducer(String type, Map<String, ?> payload) {
        return envelope(type, UUID.randomUUID().toString(), REDUCER, payload);
    }

    private EventEnvelope envelope(String type, String corr, EventSource source, Map<String, ?> payload) {
        clock = clock.plusMillis(1);
        return EventEnvelope.create(type, corr, null, clock, source, Map.of("environment", "dev"), payload);
    }
}
