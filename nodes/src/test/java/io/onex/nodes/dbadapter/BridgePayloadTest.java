package io.onex.nodes.dbadapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.api.RawJsonObject;
import io.onex.api.bridge.ReducerEventFields;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The adapter reads a consumed payload's fields from its JSON text, and stores that text, building no map. */
class BridgePayloadTest {

    private final BridgeEvents events = new BridgeEvents();
    private final BridgeEventMapper mapper = new BridgeEventMapper(BridgeEvents.CODEC.mapper());

    private List<EventEnvelope> everyKind() throws Exception {
        List<EventEnvelope> all = new ArrayList<>(events.workflowRun(false));
        all.addAll(events.workflowRun(true));
        String wf = UUID.randomUUID().toString();
        all.add(events.stampCreated(wf, UUID.randomUUID().toString(), UUID.randomUUID().toString(), "ab".repeat(32)));
        all.add(events.hashGenerated(wf, UUID.randomUUID().toString(), "ab".repeat(32)));
        all.add(events.intelligenceRequested(wf, UUID.randomUUID().toString()));
        all.add(events.intelligenceReceived(wf, UUID.randomUUID().toString(), "received"));
        all.add(events.aggregationCompleted("bridge-1", 3, 5, 1000L));
        all.add(events.reducerRecord(ReducerEventFields.BATCH_PROCESSED));
        all.add(events.fsm(ReducerEventFields.FSM_STATE_TRANSITIONED, UUID.randomUUID().toString(), "idle", "open", "go"));
        all.add(events.introspection("node-1", "1.0.0"));
        all.add(events.heartbeat("node-1", HealthStatus.HEALTHY));
        return all;
    }

    /** The same event with its payload as a plain map, as a Java producer holds it. */
    private static EventEnvelope withMapPayload(EventEnvelope e) {
        return new EventEnvelope(e.eventId(), e.eventType(), e.correlationId(), e.causationId(), e.timestamp(),
                e.version(), e.source(), new LinkedHashMap<>(e.metadata()), new LinkedHashMap<>(e.payload()),
                e.extensions());
    }

    @Test
    void aConsumedEventMapsToTheWriteItsMapFormMapsToWithoutItsPayloadBeingReadAsAMap() throws Exception {
        for (EventEnvelope consumed : everyKind()) {
            boolean node = consumed.eventType().startsWith("NODE_");
            BridgeWrite fromText = mapper.map(consumed);
            assertThat(((RawJsonObject) consumed.payload()).isRead()).as(consumed.eventType()).isEqualTo(node);

            BridgeWrite fromMap = mapper.map(withMapPayload(consumed));
            assertThat(fromText.values()).as(consumed.eventType()).isEqualTo(fromMap.values());
            assertThat(fromText.ledger()).as(consumed.eventType()).isEqualTo(fromMap.ledger());
            assertThat(fromText.placeholderWorkflowId()).isEqualTo(fromMap.placeholderWorkflowId());
        }
    }

    @Test
    void aPayloadIsStoredAsTheTextItCameAs() {
        String payload = "{ \"workflow_id\": \"" + UUID.randomUUID() + "\",  \"step_name\": \"caf\u00e9\","
                + "\n \"duration_ms\": 2.5e0, \"detail\": {\"k\": [1, 2]} }";
        EventEnvelope e = BridgeEvents.CODEC.decode(("{\"event_id\": \"" + UUID.randomUUID() + "\", \"event_type\":"
                + " \"WORKFLOW_STEP_COMPLETED\", \"correlation_id\": \"c\", \"timestamp\": 1701446400.25, \"payload\": "
                + payload + "}").getBytes(StandardCharsets.UTF_8));

        BridgeWrite step = mapper.map(e);

        assertThat(step.value("step_data")).isEqualTo(payload);
        assertThat(step.value("step_name")).isEqualTo("caf\u00e9");
        assertThat(step.value("execution_time_ms")).isEqualTo(3L);
        assertThat(step.value("created_at")).isEqualTo("2023-12-01T16:00:00.250000Z");
    }

    @Test
    void aMemberOfTheWrongKindIsNamedWithItsKindWhenReadFromText() {
        assertThatThrownBy(() -> mapper.map(events.raw(WorkflowEventFields.WORKFLOW_STEP_COMPLETED,
                Map.of(WorkflowEventFields.WORKFLOW_ID, Map.of("id", 1), WorkflowEventFields.STEP_NAME, "a"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("WORKFLOW_STEP_COMPLETED payload.workflow_id is a JSON object: expected a string");
        assertThatThrownBy(() -> mapper.map(events.raw(WorkflowEventFields.WORKFLOW_STEP_COMPLETED,
                Map.of(WorkflowEventFields.WORKFLOW_ID, UUID.randomUUID().toString(), WorkflowEventFields.STEP_NAME,
                        List.of("a")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("WORKFLOW_STEP_COMPLETED payload.step_name is a JSON array: expected a string");
        assertThatThrownBy(() -> mapper.map(events.raw(WorkflowEventFields.WORKFLOW_STEP_COMPLETED,
                Map.of(WorkflowEventFields.WORKFLOW_ID, UUID.randomUUID().toString(), WorkflowEventFields.STEP_NAME,
                        "a", WorkflowEventFields.STEP_ORDER, 1.5))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("WORKFLOW_STEP_COMPLETED payload.step_order is a BigDecimal: expected a whole number");
    }

    @Test
    void timeIsTheFormattersTextForEveryInstant() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("1969-12-31T23:59:59.000001Z"),
                Instant.parse("2024-02-29T12:34:56.789012345Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-999999999-01-01T00:00:00Z")));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(1_000_000_000)));
        }
        for (Instant t : instants) {
            assertThat(BridgeEventMapper.time(t)).as(t.toString()).isEqualTo(BridgeEventMapper.TIMESTAMP.format(t));
        }
    }
}
