package io.onex.nodes.dbadapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.bridge.ReducerEventFields;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.testing.NodeTestKit;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter as its shipped contract runs it (NodeTestKit: the runtime's wiring, pipeline and dead-lettering, no
 * broker), writing to the embedded SQLite database in a temp file. Batches linger on the kit's manual scheduler;
 * the write itself runs on the adapter's writer thread, so the tests wait for it with Awaitility.
 *
 * <p>No Mockito here: the adapter injects only what the runtime itself binds (contract, node id, configuration,
 * {@code ObjectMapper}, {@code Clock}, scheduler), and a module given to the kit cannot bind those again (Guice:
 * "Clock was bound multiple times"). Its clock is the kit's {@code MutableClock}, which the last test reads.
 */
class DatabaseAdapterContractTest {

    private static final Path CONTRACT = Path.of("../contracts/bridge_database_adapter.yaml");
    private static final Duration WRITTEN = Duration.ofSeconds(10);

    private final BridgeEvents events = new BridgeEvents();

    @TempDir
    Path folder;

    private NodeTestKit kit(int batchSize) throws Exception {
        return NodeTestKit.forContract(CONTRACT).environment(Map.of(
                "DB_ADAPTER_EMBEDDED_FILE", folder.resolve("bridge.db").toString(),
                "DB_ADAPTER_BATCH_SIZE", String.valueOf(batchSize))).build();
    }

    private static AdapterDatabase database(NodeTestKit kit) {
        return kit.node(NodeBridgeDatabaseAdapterEffect.class).database();
    }

    /** Each event on the topic its producer publishes it to, all in one poll (the batch path). */
    private static List<CompletableFuture<RecordOutcome>> deliver(NodeTestKit kit, List<EventEnvelope> envelopes) {
        List<Map.Entry<String, EventEnvelope>> deliveries = new ArrayList<>();
        for (EventEnvelope e : envelopes) {
            deliveries.add(Map.entry(BridgeEventTopics.topicOf(e.eventType()), e));
        }
        return kit.deliverTogether(deliveries);
    }

    private static List<RecordOutcome> outcomes(List<CompletableFuture<RecordOutcome>> done) {
        Awaitility.await().atMost(WRITTEN).until(() -> done.stream().allMatch(CompletableFuture::isDone));
        return done.stream().map(CompletableFuture::join).toList();
    }

    private static Map<String, List<String>> snapshot(AdapterDatabase db) throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : WriteKind.TABLES) {
            rows.put(table, TestDatabases.rows(db, table));
        }
        return rows;
    }

    @Test
    void aDatabaseThatStaysDownThroughEveryRetryLeavesTheRecordNotDoneInsteadOfDeadLettered() throws Exception {
        // a short breaker wait, so that attempts 2 and 3 reach the dead database (half-open) instead of being
        // rejected by the open breaker: the flapping case, which used to dead-letter the event
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).environment(Map.of(
                "DB_ADAPTER_EMBEDDED_FILE", folder.resolve("bridge.db").toString(),
                "DB_ADAPTER_BATCH_SIZE", "1",
                "DB_ADAPTER_BREAKER_WAIT", "100ms")).build()) {
            database(kit).close(); // the pool is gone: every batch fails as the database being away

            CompletableFuture<RecordOutcome> done = kit.deliver(BridgeTopics.NODE_HEARTBEAT,
                    events.heartbeat("node-1", HealthStatus.HEALTHY));
            Awaitility.await().atMost(WRITTEN).until(() -> {
                kit.advance(Duration.ofMillis(100)); // the backoffs (500 ms, 1 s, ± 20%) and the breaker's waits
                return done.isDone();
            });

            assertThat(done).isCompletedExceptionally(); // not done: the consumer delivers it again
            assertThat(done.handle((v, e) -> e).join()).hasRootCauseInstanceOf(java.sql.SQLException.class)
                    .hasStackTraceContaining("after 3 attempt");
            assertThat(kit.deadLetters()).isEmpty();
        }
    }

    @Test
    void withoutADatabaseUrlItWritesToTheEmbeddedFileTheEnvironmentNames() throws Exception {
        try (NodeTestKit kit = kit(100)) {
            AdapterDatabase db = database(kit);

            assertThat(db.embedded()).isTrue();
            assertThat(db.describe()).isEqualTo("embedded SQLite " + folder.resolve("bridge.db").toAbsolutePath());
            assertThat(db.rowCounts()).containsOnlyKeys(WriteKind.TABLES).allSatisfy((table, rows) ->
                    assertThat(rows).as(table).isZero());
        }
    }

    @Test
    void recordsHandedOutTogetherAreDoneOnceTheirBatchIsWrittenWithoutWaitingForMore() throws Exception {
        try (NodeTestKit kit = kit(100)) {
            AdapterDatabase db = database(kit);
            List<EventEnvelope> run = events.workflowRun(false);

            List<CompletableFuture<RecordOutcome>> done = deliver(kit, run);

            assertThat(outcomes(done)).hasSize(run.size()).containsOnly(RecordOutcome.PROCESSED);
            assertThat(db.rowCounts()).containsEntry("workflow_executions", 1L).containsEntry("workflow_steps", 2L)
                    .containsEntry("fsm_transitions", 2L);
            assertThat(TestDatabases.value(db, "SELECT current_state FROM workflow_executions"))
                    .isEqualTo("completed");
            assertThat(kit.deadLetters()).isEmpty();
        }
    }

    @Test
    void aPollOfMoreRecordsThanTheBatchSizeIsWrittenInSeveralBatches() throws Exception {
        try (NodeTestKit kit = kit(3)) {
            AdapterDatabase db = database(kit);
            List<EventEnvelope> heartbeats = List.of(events.heartbeat("reducer-1", HealthStatus.HEALTHY),
                    events.heartbeat("reducer-2", HealthStatus.HEALTHY),
                    events.heartbeat("reducer-3", HealthStatus.DEGRADED),
                    events.heartbeat("reducer-4", HealthStatus.HEALTHY));

            List<CompletableFuture<RecordOutcome>> done = deliver(kit, heartbeats);

            assertThat(outcomes(done)).hasSize(4).containsOnly(RecordOutcome.PROCESSED);
            assertThat(db.rowCounts()).containsEntry("node_registrations", 4L);
        }
    }

    @Test
    void theSameEventsDeliveredAgainLeaveTheSameRows() throws Exception {
        try (NodeTestKit kit = kit(100)) {
            AdapterDatabase db = database(kit);
            List<EventEnvelope> run = events.workflowRun(false);
            String workflowId = (String) run.get(0).payload().get(WorkflowEventFields.WORKFLOW_ID);
            String corr = run.get(0).correlationId();
            List<EventEnvelope> all = new ArrayList<>(run);
            all.add(events.hashGenerated(workflowId, corr, "ab".repeat(32)));
            all.add(events.stampCreated(workflowId, corr, UUID.randomUUID().toString(), "ab".repeat(32)));
            all.add(events.reducerRecord(ReducerEventFields.AGGREGATION_STARTED));
            all.add(events.fsm(ReducerEventFields.FSM_STATE_INITIALIZED, "agg-1", null, "idle", "init"));
            all.add(events.aggregationCompleted("bridge-1", 1, 1, 1234)); // the one write that adds
            all.add(events.introspection("reducer-1", "1.0.0"));
            all.add(events.heartbeat("reducer-1", HealthStatus.HEALTHY));

            List<CompletableFuture<RecordOutcome>> first = deliver(kit, all);
            assertThat(outcomes(first)).containsOnly(RecordOutcome.PROCESSED);
            Map<String, Long> counts = db.rowCounts();
            Map<String, List<String>> rows = snapshot(db);

            List<CompletableFuture<RecordOutcome>> again = deliver(kit, all); // as after a crash before the commit

            assertThat(outcomes(again)).containsOnly(RecordOutcome.PROCESSED);
            assertThat(db.rowCounts()).isEqualTo(counts);
            assertThat(snapshot(db)).isEqualTo(rows);
            assertThat(counts).containsEntry("workflow_executions", 1L).containsEntry("workflow_steps", 3L)
                    .containsEntry("metadata_stamps", 1L).containsEntry("bridge_states", 1L)
                    .containsEntry("node_registrations", 1L);
            assertThat(TestDatabases.value(db, "SELECT total_size_bytes FROM bridge_states")).isEqualTo("1234");
        }
    }

    @Test
    void recordsTheMapperCannotReadAreDeadLetteredAtOnceAndTheGoodOnesPersisted() throws Exception {
        try (NodeTestKit kit = kit(100)) {
            AdapterDatabase db = database(kit);
            List<EventEnvelope> run = events.workflowRun(false);
            String workflowId = (String) run.get(0).payload().get(WorkflowEventFields.WORKFLOW_ID);
            EventEnvelope stepWithoutName = events.raw(WorkflowEventFields.WORKFLOW_STEP_COMPLETED,
                    Map.of(WorkflowEventFields.WORKFLOW_ID, workflowId));

            CompletableFuture<RecordOutcome> notAnEnvelope = kit.deliverBytes(BridgeTopics.STAMP_WORKFLOW_COMPLETED,
                    "k".getBytes(StandardCharsets.UTF_8), "not json".getBytes(StandardCharsets.UTF_8));
            List<EventEnvelope> batch = new ArrayList<>(run);
            batch.add(1, stepWithoutName); // in the middle of a batch: it fails alone
            List<CompletableFuture<RecordOutcome>> done = deliver(kit, batch);

            // no retry's backoff: it fails for good on the first attempt
            assertThat(notAnEnvelope).isCompletedWithValue(RecordOutcome.DEAD_LETTERED);
            List<RecordOutcome> outcomes = outcomes(done);
            assertThat(outcomes.get(1)).isEqualTo(RecordOutcome.DEAD_LETTERED);
            assertThat(outcomes).filteredOn(o -> o == RecordOutcome.PROCESSED).hasSize(run.size());
            assertThat(db.rowCounts()).containsEntry("workflow_executions", 1L).containsEntry("workflow_steps", 2L)
                    .containsEntry("fsm_transitions", 2L);
            assertThat(kit.deadLetters()).satisfiesExactly(d -> {
                assertThat(d.topic()).isEqualTo(kit.topic(BridgeTopics.STAMP_WORKFLOW_COMPLETED) + ".dlq");
                assertThat(d.originalTopic()).isEqualTo(kit.topic(BridgeTopics.STAMP_WORKFLOW_COMPLETED));
                assertThat(d.key()).isEqualTo("k");
                assertThat(d.errorType()).isEqualTo("io.onex.api.InvalidInputException");
                assertThat(d.value()).containsKey("original_value_base64");
            }, d -> {
                assertThat(d.originalTopic()).isEqualTo(kit.topic(BridgeTopics.WORKFLOW_STEP_COMPLETED));
                assertThat(d.errorType()).isEqualTo("io.onex.api.InvalidInputException");
                assertThat(d.errorMessage())
                        .isEqualTo("WORKFLOW_STEP_COMPLETED payload.step_name is missing: expected a non-empty string");
                assertThat(d.retryCount()).isEqualTo(1);
                assertThat(d.originalEnvelope()).containsEntry("event_id", stepWithoutName.eventId());
            });
        }
    }

    @Test
    void anEventTheDatabaseRefusesIsDeadLetteredWhenItsBatchIsWrittenAndTheRestCommit() throws Exception {
        try (NodeTestKit kit = kit(100)) {
            AdapterDatabase db = database(kit);
            List<EventEnvelope> run = events.workflowRun(false);
            EventEnvelope other = events.workflowRun(false).get(0);
            // a second workflow started under the first one's correlation id: correlation_id is unique
            EventEnvelope clash = BridgeEvents.wire(new EventEnvelope(UUID.randomUUID().toString(),
                    WorkflowEventFields.STAMP_WORKFLOW_STARTED, run.get(0).correlationId(), null, other.timestamp(),
                    "1.0.0", other.source(), Map.of(), other.payload(), Map.of()));
            List<EventEnvelope> all = new ArrayList<>(run);
            all.add(clash);

            List<CompletableFuture<RecordOutcome>> done = deliver(kit, all);

            List<RecordOutcome> outcomes = outcomes(done);
            assertThat(outcomes.subList(0, run.size())).containsOnly(RecordOutcome.PROCESSED);
            assertThat(outcomes.get(run.size())).isEqualTo(RecordOutcome.DEAD_LETTERED);
            assertThat(db.rowCounts()).containsEntry("workflow_executions", 1L).containsEntry("workflow_steps", 2L);
            assertThat(kit.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.originalTopic()).isEqualTo(kit.topic(BridgeTopics.STAMP_WORKFLOW_STARTED));
                assertThat(d.errorType()).isEqualTo("io.onex.api.NonRetryableException");
                assertThat(d.errorMessage()).startsWith("STAMP_WORKFLOW_STARTED event " + clash.eventId()
                        + " cannot be written to workflow_executions");
                assertThat(d.retryCount()).isEqualTo(1);
            });
        }
    }

    @Test
    void theLedgerStampsWhenAnEventWasAppliedWithTheRuntimesClockNotTheWallClock() throws Exception {
        try (NodeTestKit kit = kit(100)) {
            AdapterDatabase db = database(kit);

            kit.advance(Duration.ofMillis(250));
            List<CompletableFuture<RecordOutcome>> done = deliver(kit,
                    List.of(events.reducerRecord(ReducerEventFields.BATCH_PROCESSED)));

            assertThat(outcomes(done)).containsExactly(RecordOutcome.PROCESSED);
            assertThat(TestDatabases.value(db, "SELECT applied_at FROM event_ledger"))
                    .isEqualTo("2026-01-01T00:00:00.250000Z"); // the kit's clock starts at 2026-01-01T00:00:00Z
        }
    }
}
