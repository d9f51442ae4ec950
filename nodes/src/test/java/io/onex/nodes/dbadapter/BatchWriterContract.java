package io.onex.nodes.dbadapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.NonRetryableException;
import io.onex.api.bridge.ReducerEventFields;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.testing.MutableClock;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the batch writer guarantees, run against each database the adapter supports (PostgreSQL in
 * {@code PostgresBatchWriterIT}, the embedded SQLite in {@code SqliteBatchWriterTest}): every operation writes its
 * rows, a batch written twice leaves the same rows, events out of order lose nothing, and a poison event fails
 * alone.
 */
abstract class BatchWriterContract {

    final BridgeEvents events = new BridgeEvents();
    final BridgeEventMapper mapper = new BridgeEventMapper(BridgeEvents.CODEC.mapper());
    final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-24T05:00:00Z"));

    abstract AdapterDatabase db();

    BatchWriter writer() {
        return new BatchWriter(db().dataSource(), db().dialect(), clock);
    }

    List<BridgeWrite> map(List<EventEnvelope> envelopes) {
        return envelopes.stream().map(mapper::map).toList();
    }

    /** A realistic slice of the bridge: two workflow runs with their stamps, a window, FSM moves and nodes. */
    List<EventEnvelope> mixedBatch() throws Exception {
        List<EventEnvelope> all = new ArrayList<>();
        for (boolean fail : List.of(false, true)) {
            List<EventEnvelope> run = events.workflowRun(fail);
            String workflowId = (String) run.get(0).payload().get(WorkflowEventFields.WORKFLOW_ID);
            String corr = run.get(0).correlationId();
            all.addAll(run);
            all.add(events.hashGenerated(workflowId, corr, "ab".repeat(32)));
            all.add(events.intelligenceRequested(workflowId, corr));
            all.add(events.intelligenceReceived(workflowId, corr, "received"));
            all.add(events.stampCreated(workflowId, corr, UUID.randomUUID().toString(), "ab".repeat(32)));
        }
        all.add(events.reducerRecord(ReducerEventFields.AGGREGATION_STARTED));
        all.add(events.fsm(ReducerEventFields.FSM_STATE_INITIALIZED, "agg-1", null, "idle", "init"));
        all.add(events.fsm(ReducerEventFields.FSM_STATE_TRANSITIONED, "agg-1", "idle", "aggregating", "window_opened"));
        all.add(events.reducerRecord(ReducerEventFields.BATCH_PROCESSED));
        all.add(events.aggregationCompleted("bridge-1", 2, 2, 2468));
        all.add(events.aggregationCompleted("bridge-1", 1, 3, 1000));
        all.add(events.reducerRecord(ReducerEventFields.STATE_PERSISTED));
        all.add(events.introspection("reducer-1", "1.0.0"));
        all.add(events.heartbeat("reducer-1", HealthStatus.HEALTHY));
        all.add(events.heartbeat("reducer-1", HealthStatus.DEGRADED));
        return all;
    }

    Map<String, List<String>> snapshot() throws Exception {
        Map<String, List<String>> s = new LinkedHashMap<>();
        for (String table : WriteKind.TABLES) {
            s.put(table, TestDatabases.rows(db(), table));
        }
        return s;
    }

    @Test
    void everyOperationWritesItsRows() throws Exception {
        List<EventEnvelope> batch = mixedBatch();
        List<NonRetryableException> outcomes = writer().write(map(batch));

        assertThat(outcomes).containsOnlyNulls();
        assertThat(db().rowCounts()).containsExactly(Map.entry("workflow_executions", 2L),
                Map.entry("workflow_steps", 10L), Map.entry("fsm_transitions", 6L), Map.entry("bridge_states", 1L),
                Map.entry("metadata_stamps", 2L), Map.entry("node_registrations", 1L), Map.entry("event_ledger", 5L));
        String completed = (String) batch.get(0).payload().get(WorkflowEventFields.WORKFLOW_ID);
        assertThat(TestDatabases.value(db(), "SELECT current_state FROM workflow_executions WHERE id = '"
                + completed + "'")).isEqualTo("completed");
        assertThat(TestDatabases.value(db(), "SELECT workflow_type FROM workflow_executions WHERE id = '"
                + completed + "'")).isEqualTo("stamp_file");
        assertThat(TestDatabases.value(db(), "SELECT count(*) FROM workflow_executions WHERE current_state = 'failed'"
                + " AND error_message LIKE '%disk full%'")).isEqualTo("1");
        assertThat(TestDatabases.value(db(), "SELECT total_workflows_processed || '/' || total_items_aggregated || '/'"
                + " || total_size_bytes || '/' || version FROM bridge_states WHERE bridge_id = 'bridge-1'"))
                .isEqualTo("3/5/3468/2");
        assertThat(TestDatabases.value(db(), "SELECT health_status || '/' || node_version FROM node_registrations"))
                .isEqualTo("degraded/1.0.0");
    }

    @Test
    void aBatchWrittenTwiceLeavesTheSameRows() throws Exception {
        List<BridgeWrite> batch = map(mixedBatch());
        writer().write(batch);
        Map<String, List<String>> first = snapshot();

        clock.advance(java.time.Duration.ofMinutes(5));
        List<BridgeWrite> again = new ArrayList<>(batch);
        Collections.reverse(again); // redelivered, and in another order
        assertThat(writer().write(again)).containsOnlyNulls();
        writer().write(batch.subList(0, batch.size() / 2));

        assertThat(snapshot()).isEqualTo(first);
    }

    @Test
    void eventsArrivingOutOfOrderLoseNothing() throws Exception {
        List<EventEnvelope> run = events.workflowRun(false);
        List<EventEnvelope> reversed = new ArrayList<>(run);
        Collections.reverse(reversed); // completion and steps before the start
        String workflowId = (String) run.get(0).payload().get(WorkflowEventFields.WORKFLOW_ID);
        EventEnvelope stamp = events.stampCreated(workflowId, run.get(0).correlationId(), UUID.randomUUID().toString(),
                "ef".repeat(32));

        writer().write(map(List.of(stamp)));  // alone, before anything of its workflow
        writer().write(map(reversed.subList(0, 3)));
        writer().write(map(reversed.subList(3, reversed.size())));

        assertThat(TestDatabases.value(db(), "SELECT current_state || '/' || workflow_type || '/' || correlation_id"
                + " FROM workflow_executions")).isEqualTo("completed/stamp_file/" + run.get(0).correlationId());
        assertThat(db().rowCounts()).containsEntry("workflow_steps", 2L).containsEntry("metadata_stamps", 1L)
                .containsEntry("fsm_transitions", 2L);
        assertThat(TestDatabases.value(db(), "SELECT count(*) FROM workflow_executions WHERE started_at IS NOT NULL"
                + " AND completed_at IS NOT NULL")).isEqualTo("1");
    }

    @Test
    void aPoisonEventFailsAloneAndTheRestIsWritten() throws Exception {
        List<EventEnvelope> first = events.workflowRun(false);
        List<EventEnvelope> second = events.workflowRun(false);
        // a second workflow started under the first one's correlation id: correlation_id is unique
        Map<String, Object> clash = new LinkedHashMap<>(second.get(0).payload());
        EventEnvelope poison = BridgeEvents.wire(new EventEnvelope(UUID.randomUUID().toString(),
                WorkflowEventFields.STAMP_WORKFLOW_STARTED, first.get(0).correlationId(), null,
                second.get(0).timestamp(), "1.0.0", second.get(0).source(), Map.of(), clash, Map.of()));
        List<EventEnvelope> batch = new ArrayList<>(first);
        batch.add(2, poison);
        batch.add(events.aggregationCompleted("bridge-9", 1, 1, 10));

        List<NonRetryableException> outcomes = writer().write(map(batch));

        assertThat(outcomes.get(2)).isNotNull().hasMessageContaining("STAMP_WORKFLOW_STARTED event "
                + poison.eventId() + " cannot be written to workflow_executions");
        assertThat(outcomes.stream().filter(o -> o != null).count()).isEqualTo(1);
        assertThat(db().rowCounts()).containsEntry("workflow_executions", 1L).containsEntry("workflow_steps", 2L)
                .containsEntry("bridge_states", 1L).containsEntry("event_ledger", 1L);
        assertThat(TestDatabases.value(db(), "SELECT total_size_bytes FROM bridge_states")).isEqualTo("10");
    }
}
