package io.onex.nodes.dbadapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.api.bridge.ReducerEventFields;
import io.onex.api.bridge.StampEventFields;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BridgeEventMapperTest {

    private final BridgeEvents events = new BridgeEvents();
    private final BridgeEventMapper mapper = new BridgeEventMapper(BridgeEvents.CODEC.mapper());

    @Test
    void aWorkflowRunMapsToItsExecutionStepsAndTransitions() throws Exception {
        List<EventEnvelope> run = events.workflowRun(false);
        List<BridgeWrite> writes = run.stream().map(mapper::map).toList();
        String workflowId = (String) run.get(0).payload().get(WorkflowEventFields.WORKFLOW_ID);

        assertThat(writes).extracting(BridgeWrite::kind).containsExactly(WriteKind.WORKFLOW_STARTED,
                WriteKind.FSM_TRANSITION, WriteKind.WORKFLOW_STEP, WriteKind.WORKFLOW_STEP,
                WriteKind.WORKFLOW_FINISHED, WriteKind.FSM_TRANSITION);
        BridgeWrite started = writes.get(0);
        assertThat(started.operation()).isEqualTo(BridgeOperation.PERSIST_WORKFLOW_EXECUTION);
        assertThat(started.value("id")).isEqualTo(workflowId);
        assertThat(started.value("correlation_id")).isEqualTo(run.get(0).correlationId());
        assertThat(started.value("workflow_type")).isEqualTo("stamp_file");
        assertThat(started.value("current_state")).isEqualTo("processing");
        assertThat(started.ledger()).isNull();

        BridgeWrite step = writes.get(3);
        assertThat(step.value("workflow_id")).isEqualTo(workflowId);
        assertThat(step.value("step_name")).isEqualTo("stamp");
        assertThat(step.value("step_order")).isEqualTo(1L);
        assertThat(step.value("status")).isEqualTo("completed");
        assertThat(step.value("id")).isEqualTo(run.get(3).eventId());
        assertThat(step.placeholderWorkflowId()).isEqualTo(workflowId);

        BridgeWrite finished = writes.get(4);
        assertThat(finished.value("current_state")).isEqualTo("completed");
        assertThat(finished.value("execution_time_ms")).isNotNull();
        assertThat(finished.value("error_message")).isNull();

        BridgeWrite transition = writes.get(1);
        assertThat(transition.value("entity_id")).isEqualTo(workflowId);
        assertThat(transition.value("entity_type")).isEqualTo("workflow");
        assertThat(transition.value("from_state")).isEqualTo("pending");
        assertThat(transition.value("to_state")).isEqualTo("processing");
        assertThat(transition.value("transition_event")).isEqualTo("start");
    }

    @Test
    void aFailedRunRecordsTheFailedStateAndMessage() throws Exception {
        List<EventEnvelope> run = events.workflowRun(true);
        BridgeWrite failed = run.stream().filter(e -> e.eventType().equals(WorkflowEventFields.STAMP_WORKFLOW_FAILED))
                .map(mapper::map).findFirst().orElseThrow();

        assertThat(failed.kind()).isEqualTo(WriteKind.WORKFLOW_FINISHED);
        assertThat(failed.value("current_state")).isEqualTo("failed");
        assertThat((String) failed.value("error_message")).contains("disk full");
    }

    @Test
    void aStampMapsToMetadataStampsKeyedByItsStampId() {
        String workflowId = UUID.randomUUID().toString();
        String stampId = UUID.randomUUID().toString();
        BridgeWrite w = mapper.map(events.stampCreated(workflowId, "c-1", stampId, "ab".repeat(32)));

        assertThat(w.operation()).isEqualTo(BridgeOperation.PERSIST_METADATA_STAMP);
        assertThat(w.value("id")).isEqualTo(stampId);
        assertThat(w.value("workflow_id")).isEqualTo(workflowId);
        assertThat(w.value("file_hash")).isEqualTo("ab".repeat(32));
        assertThat(w.value("namespace")).isEqualTo("docs");
        assertThat((String) w.value("stamp_data")).contains("\"file_name\":\"README.md\"");
        assertThat(w.placeholderWorkflowId()).isEqualTo(workflowId);
    }

    @Test
    void hashAndIntelligenceEventsAreStepsOfTheirWorkflow() {
        String workflowId = UUID.randomUUID().toString();
        BridgeWrite hash = mapper.map(events.hashGenerated(workflowId, "c-1", "cd".repeat(32)));
        BridgeWrite requested = mapper.map(events.intelligenceRequested(workflowId, "c-1"));
        BridgeWrite received = mapper.map(events.intelligenceReceived(workflowId, "c-1", "timed_out"));

        assertThat(List.of(hash, requested, received)).extracting(BridgeWrite::kind).containsOnly(WriteKind.WORKFLOW_STEP);
        assertThat(hash.value("step_name")).isEqualTo("blake3_hash_generated");
        assertThat(hash.value("execution_time_ms")).isEqualTo(3L);
        assertThat(requested.value("status")).isEqualTo("requested");
        assertThat(received.value("status")).isEqualTo("timed_out");
    }

    @Test
    void aCompletedAggregationAddsToItsBridgeStateThroughTheLedger() {
        BridgeWrite w = mapper.map(events.aggregationCompleted("bridge-1", 7, 100, 123_456L));

        assertThat(w.operation()).isEqualTo(BridgeOperation.UPSERT_BRIDGE_STATE);
        assertThat(w.value("bridge_id")).isEqualTo("bridge-1");
        assertThat(w.value("total_workflows_processed")).isEqualTo(7L);
        assertThat(w.value("total_items_aggregated")).isEqualTo(100L);
        assertThat(w.value("total_size_bytes")).isEqualTo(123_456L);
        assertThat(w.ledger()).isNotNull();
        assertThat(w.ledger().eventId()).isEqualTo(w.eventId());
    }

    @Test
    void reducerEventsWithoutATableAreKeptInTheLedgerWithTheirPayload() {
        for (String type : List.of(ReducerEventFields.AGGREGATION_STARTED, ReducerEventFields.BATCH_PROCESSED,
                ReducerEventFields.STATE_PERSISTED, ReducerEventFields.AGGREGATION_FAILED)) {
            BridgeWrite w = mapper.map(events.reducerRecord(type));
            assertThat(w.operation()).as(type).isEqualTo(BridgeOperation.RECORD_EVENT);
            assertThat(w.kind()).isNull();
            assertThat(w.ledger().payloadJson()).contains("\"items_processed\":10");
        }
    }

    @Test
    void reducerFsmEventsAreTransitionsOfTheirEntity() {
        BridgeWrite init = mapper.map(events.fsm(ReducerEventFields.FSM_STATE_INITIALIZED, "agg-1", null, "idle", "init"));
        BridgeWrite moved = mapper.map(events.fsm(ReducerEventFields.FSM_STATE_TRANSITIONED, "agg-1", "idle",
                "aggregating", "window_opened"));

        assertThat(init.value("from_state")).isNull();
        assertThat(init.value("to_state")).isEqualTo("idle");
        assertThat(moved.value("entity_id")).isEqualTo("agg-1");
        assertThat(moved.value("entity_type")).isEqualTo("aggregation");
        assertThat(moved.value("transition_event")).isEqualTo("window_opened");
    }

    @Test
    void introspectionAndHeartbeatUpdateTheNodeRegistration() {
        BridgeWrite in = mapper.map(events.introspection("reducer-7", "1.2.0"));
        BridgeWrite hb = mapper.map(events.heartbeat("reducer-7", HealthStatus.DEGRADED));

        assertThat(in.kind()).isEqualTo(WriteKind.NODE_INTROSPECTION);
        assertThat(in.value("node_id")).isEqualTo("reducer-7");
        assertThat(in.value("node_type")).isEqualTo("reducer");
        assertThat(in.value("node_version")).isEqualTo("1.2.0");
        assertThat((String) in.value("capabilities")).contains("\"operations\":[\"aggregate\"]");
        assertThat(hb.kind()).isEqualTo(WriteKind.NODE_HEARTBEAT);
        assertThat(hb.value("health_status")).isEqualTo("degraded");
        assertThat(List.of(in, hb)).extracting(BridgeWrite::operation)
                .containsOnly(BridgeOperation.UPDATE_NODE_REGISTRATION);
    }

    @Test
    void aNonUuidEventIdGetsAStableDerivedRowId() {
        assertThat(BridgeEventMapper.eventUuid("evt-17")).isEqualTo(BridgeEventMapper.eventUuid("evt-17"))
                .isNotEqualTo(BridgeEventMapper.eventUuid("evt-18"));
        UUID.fromString(BridgeEventMapper.eventUuid("evt-17"));
    }

    @Test
    void uuidTextIsTheHyphenatedHexFormOnly() {
        assertThat(BridgeEventMapper.isUuidText("550e8400-e29b-41d4-a716-446655440000")).isTrue();
        assertThat(BridgeEventMapper.isUuidText("550E8400-E29B-41D4-A716-446655440000")).isTrue();
        assertThat(BridgeEventMapper.isUuidText("550e8400e29b41d4a716446655440000")).isFalse();
        assertThat(BridgeEventMapper.isUuidText("550e8400-e29b-41d4-a716-44665544000g")).isFalse();
        assertThat(BridgeEventMapper.isUuidText("550e8400-e29b-41d4-a716_446655440000")).isFalse();
        assertThat(BridgeEventMapper.isUuidText("550e8400-e29b-41d4-a716-4466554400000")).isFalse();
        assertThat(BridgeEventMapper.isUuidText("")).isFalse();
    }

    @Test
    void badPayloadsNameTheEventTypeTheFieldAndWhatWasExpected() {
        assertThatThrownBy(() -> mapper.map(events.raw(WorkflowEventFields.WORKFLOW_STEP_COMPLETED,
                Map.of(WorkflowEventFields.WORKFLOW_ID, "not-a-uuid", WorkflowEventFields.STEP_NAME, "a"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("WORKFLOW_STEP_COMPLETED payload.workflow_id is 'not-a-uuid': expected a UUID");
        assertThatThrownBy(() -> mapper.map(events.raw(StampEventFields.STAMP_CREATED,
                Map.of(StampEventFields.WORKFLOW_ID, UUID.randomUUID().toString()))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("METADATA_STAMP_CREATED payload.file_hash is missing: expected a non-empty string");
        assertThatThrownBy(() -> mapper.map(events.raw(WorkflowEventFields.STAMP_WORKFLOW_COMPLETED,
                Map.of(WorkflowEventFields.WORKFLOW_ID, UUID.randomUUID().toString(),
                        WorkflowEventFields.DURATION_MS, "soon"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("STAMP_WORKFLOW_COMPLETED payload.duration_ms is 'soon': expected a whole number");
        assertThatThrownBy(() -> mapper.map(events.raw("SOMETHING_ELSE", Map.of())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("event_type 'SOMETHING_ELSE' is not one the database adapter persists");
        assertThatThrownBy(() -> mapper.map(events.raw("NODE_HEARTBEAT", Map.of("node_id", "n"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("node_type");
    }
}
