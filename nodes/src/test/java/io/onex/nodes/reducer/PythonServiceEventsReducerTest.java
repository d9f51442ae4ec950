package io.onex.nodes.reducer;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.bridge.ReducerEventFields;
import io.onex.api.topic.BridgeTopics;
import io.onex.nodes.seed.PythonServiceEvents;
import io.onex.nodes.seed.PythonServiceEvents.Sent;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.testing.NodeTestKit;
import io.onex.runtime.testing.PublishedRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The reducer's shipped contract fed a stamp and its run's outcome as the Python orchestrator writes them (enum
 * names, {@code workflow_id} at the top level, ISO timestamps, {@code json.dumps} bytes): both are aggregated, none
 * is dead-lettered, and the reducer's own events carry {@code metadata.source_node}.
 */
class PythonServiceEventsReducerTest {

    private static final Path CONTRACT = Path.of("../contracts/bridge_reducer.yaml");

    private final PythonServiceEvents python = new PythonServiceEvents();

    private static CompletableFuture<RecordOutcome> deliver(NodeTestKit kit, Sent s) {
        return kit.deliverBytes(s.topic(), "k".getBytes(StandardCharsets.UTF_8), s.value());
    }

    @Test
    void aStampAndItsRunsOutcomeInThePythonShapeAreAggregated() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT)
                .environment(Map.of("BRIDGE_REDUCER_WINDOW_SIZE", "2")).build()) {
            CompletableFuture<RecordOutcome> stamp = deliver(kit, python.stampCreated());
            CompletableFuture<RecordOutcome> completed = deliver(kit, python.workflowCompleted());
            // the reducer sends on its own thread
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stamp.isDone() && completed.isDone());

            assertThat(kit.deadLetters()).isEmpty();
            assertThat(stamp).isCompletedWithValue(RecordOutcome.PROCESSED);
            assertThat(completed).isCompletedWithValue(RecordOutcome.PROCESSED);
            List<PublishedRecord> done = kit.publishedTo(BridgeTopics.AGGREGATION_COMPLETED);
            assertThat(done).singleElement().satisfies(r -> {
                assertThat(r.envelope().payload()).containsEntry(ReducerEventFields.NAMESPACE, "docs")
                        .containsEntry(ReducerEventFields.TOTAL_STAMPS, 1)
                        .containsEntry(ReducerEventFields.TOTAL_SIZE_BYTES, 1234)
                        .containsEntry(ReducerEventFields.WORKFLOWS_COMPLETED, 1)
                        .containsEntry(ReducerEventFields.WORKFLOW_IDS, List.of(python.workflowId));
                assertThat(r.envelope().metadata()).containsEntry("source_node", "reducer");
            });
        }
    }

    @Test
    void aSpellingOfAnotherTopicIsDeadLetteredNamingTheTopicsSpellings() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).build()) {
            CompletableFuture<RecordOutcome> wrong = deliver(kit,
                    python.onTopic(BridgeTopics.STAMP_WORKFLOW_COMPLETED, "WORKFLOW_FAILED"));

            assertThat(wrong).isCompletedWithValue(RecordOutcome.DEAD_LETTERED);
            assertThat(kit.deadLetters()).singleElement().satisfies(d -> assertThat(d.errorMessage()).isEqualTo(
                    "event_type 'WORKFLOW_FAILED' does not fit topic " + kit.topic(BridgeTopics.STAMP_WORKFLOW_COMPLETED)
                            + ": expected one of STAMP_WORKFLOW_COMPLETED, WORKFLOW_COMPLETED (any case)"));
        }
    }
}
