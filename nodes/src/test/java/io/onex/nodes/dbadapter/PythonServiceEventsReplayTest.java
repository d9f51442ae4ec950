package io.onex.nodes.dbadapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.topic.BridgeTopics;
import io.onex.nodes.seed.PythonServiceEvents;
import io.onex.nodes.seed.PythonServiceEvents.Sent;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.testing.NodeTestKit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stamping run and an aggregation window written as the Python services write them (enum names, top-level
 * fields, ISO timestamps, {@code json.dumps} bytes), replayed through the database adapter's shipped contract on
 * SQLite: nothing is dead-lettered and the rows are those of the same events in our own shape.
 */
class PythonServiceEventsReplayTest {

    private static final Path CONTRACT = Path.of("../contracts/bridge_database_adapter.yaml");
    private static final Duration LINGER = Duration.ofMillis(250);

    private final PythonServiceEvents python = new PythonServiceEvents();

    @TempDir
    Path folder;

    private NodeTestKit kit() throws Exception {
        return NodeTestKit.forContract(CONTRACT).environment(Map.of(
                "DB_ADAPTER_EMBEDDED_FILE", folder.resolve("bridge.db").toString(),
                "DB_ADAPTER_BATCH_SIZE", "100",
                "DB_ADAPTER_BATCH_LINGER", LINGER.toMillis() + "ms")).build();
    }

    private static List<RecordOutcome> replay(NodeTestKit kit, List<Sent> records) {
        List<CompletableFuture<RecordOutcome>> done = new ArrayList<>();
        for (Sent s : records) {
            done.add(kit.deliverBytes(s.topic(), "k".getBytes(StandardCharsets.UTF_8), s.value()));
        }
        kit.advance(LINGER);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> done.stream().allMatch(CompletableFuture::isDone));
        return done.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void aStampingRunAndAWindowInThePythonServicesShapeArePersistedWithNothingDeadLettered() throws Exception {
        try (NodeTestKit kit = kit()) {
            AdapterDatabase db = kit.node(NodeBridgeDatabaseAdapterEffect.class).database();

            List<RecordOutcome> outcomes = replay(kit, List.of(python.workflowStarted(), python.stepCompleted("hash"),
                    python.hashGenerated(), python.intelligenceRequested(), python.intelligenceReceived(),
                    python.stampCreated(), python.stateTransition(), python.workflowCompleted(),
                    python.fsmInitialized(), python.fsmTransitioned(), python.aggregationStarted(),
                    python.batchProcessed(), python.statePersisted(), python.aggregationCompleted()));

            assertThat(kit.deadLetters()).isEmpty();
            assertThat(outcomes).containsOnly(RecordOutcome.PROCESSED);
            assertThat(db.rowCounts()).containsEntry("workflow_executions", 1L)
                    .containsEntry("workflow_steps", 4L) // the step, the hash, the two intelligence events
                    .containsEntry("metadata_stamps", 1L)
                    .containsEntry("fsm_transitions", 3L)
                    .containsEntry("bridge_states", 1L);
            assertThat(TestDatabases.value(db, "SELECT id || ' ' || correlation_id || ' ' || current_state || ' '"
                    + " || execution_time_ms FROM workflow_executions")).isEqualTo(python.workflowId + " "
                    + python.correlationId + " completed 12");
            assertThat(TestDatabases.value(db, "SELECT started_at FROM workflow_executions"))
                    .isEqualTo("2026-11-24T04:00:00.130456Z"); // the ISO timestamp of the first event
            assertThat(TestDatabases.value(db, "SELECT count(*) FROM workflow_steps WHERE step_name IN"
                    + " ('blake3_hash_generated', 'onextree_intelligence_requested', 'onextree_intelligence_received')"))
                    .isEqualTo("3"); // the same step names as our own spellings give
            assertThat(TestDatabases.value(db, "SELECT workflow_id || ' ' || file_hash || ' ' || namespace"
                    + " FROM metadata_stamps")).isEqualTo(python.workflowId + " " + python.fileHash + " docs");
            assertThat(TestDatabases.value(db, "SELECT stamp_data FROM metadata_stamps"))
                    .contains("R\u00e9sum\u00e9.md"); // json.dumps escaped it as \\u00e9
            assertThat(TestDatabases.value(db, "SELECT count(*) FROM fsm_transitions WHERE entity_id = '"
                    + python.aggregationId + "'")).isEqualTo("2");
            assertThat(TestDatabases.value(db, "SELECT bridge_id || ' ' || total_items_aggregated FROM bridge_states"))
                    .isEqualTo("reducer 1");
        }
    }

    @Test
    void anEventTypeIsReadByItsTopicFirstAndOneThatFitsNoSpellingOfItsTopicIsDeadLettered() throws Exception {
        try (NodeTestKit kit = kit()) {
            List<RecordOutcome> outcomes = replay(kit, List.of(
                    python.onTopic(BridgeTopics.STAMP_WORKFLOW_STARTED, "WORKFLOW_STEP_COMPLETED"),
                    python.onTopic(BridgeTopics.BLAKE3_HASH_GENERATED, "STAMP_CREATED"),
                    python.onTopic(BridgeTopics.STAMP_WORKFLOW_STARTED, "workflow_started")));

            assertThat(outcomes).containsExactly(RecordOutcome.DEAD_LETTERED, RecordOutcome.DEAD_LETTERED,
                    RecordOutcome.PROCESSED);
            assertThat(kit.deadLetters()).extracting(d -> d.errorMessage()).containsExactly(
                    "event_type 'WORKFLOW_STEP_COMPLETED' does not fit topic "
                            + kit.topic(BridgeTopics.STAMP_WORKFLOW_STARTED)
                            + ": expected one of STAMP_WORKFLOW_STARTED, WORKFLOW_STARTED (any case)",
                    "event_type 'STAMP_CREATED' does not fit topic " + kit.topic(BridgeTopics.BLAKE3_HASH_GENERATED)
                            + ": expected one of BLAKE3_HASH_GENERATED, HASH_GENERATED (any case)");
        }
    }
}
