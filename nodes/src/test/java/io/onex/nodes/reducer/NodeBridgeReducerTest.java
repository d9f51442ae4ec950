package io.onex.nodes.reducer;

import static io.onex.api.bridge.ReducerEventFields.*;
import static io.onex.nodes.reducer.ReducerFixture.stamp;
import static io.onex.nodes.reducer.ReducerFixture.workflowCompleted;
import static io.onex.nodes.reducer.ReducerFixture.workflowFailed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.api.OutboundEvent;
import io.onex.api.topic.BridgeTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class NodeBridgeReducerTest {

    @Test
    void windowClosesByCountAndPublishesItsTotals() {
        ReducerFixture f = new ReducerFixture(3, "5s");
        CompletableFuture<WindowAggregate> first = f.reduce(stamp("docs", 100, "md", "wf-1"));
        f.clock.advance(Duration.ofMillis(40));
        f.reduce(stamp("docs", 250, "yaml", "wf-2"));
        CompletableFuture<WindowAggregate> third = f.reduce(stamp("docs", 50, "md", "wf-3"));

        WindowAggregate window = third.join();
        assertThat(first.join()).isSameAs(window);
        Map<String, Object> p = f.onlyPayload(AGGREGATION_COMPLETED);
        assertThat(p).containsEntry(AGGREGATION_ID, window.aggregationId())
                .containsEntry(AGGREGATION_TYPE, AGGREGATION_TYPE_NAMESPACE)
                .containsEntry(NAMESPACE, "docs")
                .containsEntry(WINDOW_CLOSE_REASON, CLOSE_REASON_COUNT)
                .containsEntry(ITEMS_PROCESSED, 3)
                .containsEntry(DURATION_MS, 40L)
                .containsEntry(TOTAL_STAMPS, 3L)
                .containsEntry(TOTAL_SIZE_BYTES, 400L)
                .containsEntry(TOTAL_WORKFLOWS, 0L)
                .containsEntry(FILE_TYPES, List.of("md", "yaml"))
                .containsEntry(WORKFLOW_IDS, List.of("wf-1", "wf-2", "wf-3"))
                .containsEntry(WORKFLOW_IDS_TOTAL, 3);
        assertThat(f.scheduler.pendingTasks()).as("the window's timer is cancelled").isZero();
    }

    @Test
    void aClosedWindowsBatchAndCompletionEventsCarryTheBatchSizeInTheirMetadataAsThePythonServicesDo() {
        ReducerFixture f = new ReducerFixture(2, "5s");
        f.reduce(stamp("docs", 1, "md", "wf-1"));
        f.reduce(stamp("docs", 1, "md", "wf-2")).join();

        assertThat(f.sent(BATCH_PROCESSED)).singleElement()
                .satisfies(e -> assertThat(e.metadata()).containsEntry(METADATA_BATCH_SIZE, 2));
        assertThat(f.sent(AGGREGATION_COMPLETED)).singleElement()
                .satisfies(e -> assertThat(e.metadata()).containsEntry(METADATA_BATCH_SIZE, 2));
    }

    @Test
    void anEventsCallCompletesOnlyWhenItsWindowHasBeenPublished() {
        ReducerFixture f = new ReducerFixture(3, "5s");
        CompletableFuture<WindowAggregate> first = f.reduce(stamp("docs", 1, "md", "wf-1"));
        CompletableFuture<WindowAggregate> second = f.reduce(stamp("docs", 1, "md", "wf-2"));

        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        assertThat(f.sent(AGGREGATION_COMPLETED)).isEmpty();
        assertThat(f.node.openWindowItems()).containsExactly(Map.entry("docs", 2));
        assertThat(f.node.totals()).isEmpty();

        f.reduce(stamp("docs", 1, "md", "wf-3"));
        assertThat(first).isCompleted();
        assertThat(f.sent(AGGREGATION_COMPLETED)).hasSize(1);
        assertThat(f.node.openWindowItems()).isEmpty();
    }

    @Test
    void windowClosesByTimeOnTheInjectedClock() {
        ReducerFixture f = new ReducerFixture(100, "5s");
        CompletableFuture<WindowAggregate> call = f.reduce(stamp("docs", 7, "md", "wf-1"));

        f.scheduler.advance(Duration.ofMillis(4_999));
        assertThat(call).isNotDone();
        f.scheduler.advance(Duration.ofMillis(1));

        WindowAggregate window = call.join();
        assertThat(window.closeReason()).isEqualTo(CLOSE_REASON_TIME);
        assertThat(window.durationMs()).isEqualTo(5_000);
        assertThat(f.onlyPayload(AGGREGATION_COMPLETED)).containsEntry(WINDOW_CLOSE_REASON, CLOSE_REASON_TIME)
                .containsEntry(DURATION_MS, 5_000L).containsEntry(TOTAL_STAMPS, 1L);
    }

    @Test
    void eachNamespaceHasItsOwnWindowAndWorkflowsCountInTheirStampsNamespace() {
        ReducerFixture f = new ReducerFixture(100, "5s");
        f.reduce(stamp("docs", 100, "md", "wf-1"));
        f.reduce(stamp("docs", 20, "md", "wf-2"));
        f.reduce(stamp("code", 3000, "java", "wf-3"));
        f.reduce(workflowCompleted("wf-1"));
        f.reduce(workflowFailed("wf-3"));
        f.reduce(workflowCompleted("wf-unknown"));
        f.scheduler.advance(Duration.ofSeconds(5));

        Map<String, NamespaceTotals> totals = f.node.totals();
        assertThat(totals).containsOnlyKeys("code", "docs", WindowAggregator.UNATTRIBUTED);
        NamespaceTotals docs = totals.get("docs");
        assertThat(docs.totalStamps()).isEqualTo(2);
        assertThat(docs.totalSizeBytes()).isEqualTo(120);
        assertThat(docs.workflowsCompleted()).isEqualTo(1);
        assertThat(docs.workflowsFailed()).isZero();
        assertThat(docs.fileTypes()).containsExactly("md");
        NamespaceTotals code = totals.get("code");
        assertThat(code.totalStamps()).isEqualTo(1);
        assertThat(code.totalSizeBytes()).isEqualTo(3000);
        assertThat(code.workflowsFailed()).isEqualTo(1);
        assertThat(code.fileTypes()).containsExactly("java");
        assertThat(totals.get(WindowAggregator.UNATTRIBUTED).workflowsCompleted()).isEqualTo(1);
        assertThat(docs.bridgeId()).isNotEqualTo(code.bridgeId());
        ReducerFixture restarted = new ReducerFixture(1, "5s");
        restarted.reduce(stamp("docs", 1, "md", "wf-9"));
        assertThat(restarted.node.totals().get("docs").bridgeId()).as("stable across restarts")
                .isEqualTo(docs.bridgeId());
        assertThat(f.sent(AGGREGATION_COMPLETED)).extracting(e -> e.payload().get(NAMESPACE))
                .containsExactlyInAnyOrder("docs", "code", WindowAggregator.UNATTRIBUTED);
    }

    @Test
    void otherWorkflowsOutcomesAreDoneAtOnceAndNotCounted() {
        ReducerFixture f = new ReducerFixture(100, "5s");
        Map<String, Object> payload = Map.of("workflow_id", "wf-9", "workflow_type", "document_ingestion",
                "workflow_state", "completed");
        CompletableFuture<WindowAggregate> call = f.reduce(ReducerFixture.envelope("STAMP_WORKFLOW_COMPLETED", null,
                payload));
        assertThat(call).isCompletedWithValue(null);
        assertThat(f.publisher.attempts()).isEmpty();
        assertThat(f.node.openWindowItems()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void workflowIdsAreSampledButAllCounted() {
        ReducerFixture f = new ReducerFixture(100, "5s");
        for (int i = 0; i < 25; i++) {
            f.reduce(stamp("docs", 1, "md", "wf-" + i));
        }
        f.scheduler.advance(Duration.ofSeconds(5));
        Map<String, Object> p = f.onlyPayload(AGGREGATION_COMPLETED);
        assertThat((List<Object>) p.get(WORKFLOW_IDS)).hasSize(ReducerConfig.DEFAULT_WORKFLOW_ID_SAMPLES)
                .startsWith("wf-0", "wf-1");
        assertThat(p).containsEntry(WORKFLOW_IDS_TOTAL, 25).containsEntry(TOTAL_STAMPS, 25L);
    }

    @Test
    void aRedeliveredEventIsCountedOnce() {
        ReducerFixture f = new ReducerFixture(3, "5s");
        EventEnvelope event = stamp("docs", 100, "md", "wf-1");
        CompletableFuture<WindowAggregate> delivered = f.reduce(event);
        CompletableFuture<WindowAggregate> redelivered = f.reduce(event);
        f.scheduler.advance(Duration.ofSeconds(5));

        assertThat(redelivered.join()).isSameAs(delivered.join());
        assertThat(f.onlyPayload(AGGREGATION_COMPLETED)).containsEntry(ITEMS_PROCESSED, 1)
                .containsEntry(TOTAL_STAMPS, 1L).containsEntry(TOTAL_SIZE_BYTES, 100L);

        // after its window was published (a replay before the commit): answered at once, nothing counted again
        CompletableFuture<WindowAggregate> replayed = f.reduce(event);
        assertThat(replayed.join()).isSameAs(delivered.join());
        assertThat(f.node.openWindowItems()).isEmpty();
        assertThat(f.node.totals().get("docs").totalStamps()).isEqualTo(1);
        assertThat(f.sent(AGGREGATION_STARTED)).hasSize(1);
    }

    @Test
    void publishesTheSevenEventsOfAWindowWithTheirFields() {
        ReducerFixture f = new ReducerFixture(2, "5s");
        f.reduce(stamp("docs", 10, "md", "wf-1"));
        assertThat(f.publisher.types()).containsExactly(FSM_STATE_INITIALIZED, FSM_STATE_TRANSITIONED,
                AGGREGATION_STARTED);
        WindowAggregate w = f.reduce(stamp("docs", 5, "txt", "wf-2")).join();

        assertThat(f.publisher.types()).containsExactly(FSM_STATE_INITIALIZED, FSM_STATE_TRANSITIONED,
                AGGREGATION_STARTED, FSM_STATE_TRANSITIONED, BATCH_PROCESSED, STATE_PERSISTED, AGGREGATION_COMPLETED,
                FSM_STATE_TRANSITIONED);
        for (OutboundEvent e : f.publisher.attempts()) {
            assertThat(e.correlationId()).isEqualTo(w.aggregationId());
            assertThat(e.partitionKey()).isEqualTo("docs");
            assertThat(BridgeTopics.REDUCER_EVENTS).contains(e.topic());
            assertThat(e.payload()).containsEntry(AGGREGATION_ID, w.aggregationId()).containsEntry(NAMESPACE, "docs")
                    .containsEntry(BRIDGE_ID, w.bridgeId());
        }
        assertThat(f.onlyPayload(FSM_STATE_INITIALIZED)).containsEntry(ENTITY_ID, w.aggregationId())
                .containsEntry(ENTITY_TYPE, ENTITY_TYPE_AGGREGATION).containsEntry(TO_STATE, "idle");
        assertThat(f.sent(FSM_STATE_TRANSITIONED)).extracting(e -> e.payload().get(FROM_STATE) + " -> "
                + e.payload().get(TO_STATE) + " on " + e.payload().get(TRANSITION_EVENT))
                .containsExactly("idle -> aggregating on window_opened", "aggregating -> persisting on window_closed",
                        "persisting -> completed on window_published");
        assertThat(f.onlyPayload(AGGREGATION_STARTED)).containsEntry(AGGREGATION_TYPE, AGGREGATION_TYPE_NAMESPACE);
        assertThat(f.onlyPayload(BATCH_PROCESSED)).containsEntry(ITEMS_PROCESSED, 2)
                .containsEntry(WINDOW_CLOSE_REASON, CLOSE_REASON_COUNT).containsKey(DURATION_MS);
        Map<String, Object> persisted = f.onlyPayload(STATE_PERSISTED);
        assertThat(persisted).containsEntry(TOTAL_STAMPS, 2L).containsEntry(TOTAL_SIZE_BYTES, 15L)
                .containsEntry(FILE_TYPES, List.of("md", "txt"));
        @SuppressWarnings("unchecked")
        Map<String, Object> snapshot = (Map<String, Object>) persisted.get(STATE_SNAPSHOT);
        assertThat(snapshot).containsEntry(NAMESPACE, "docs").containsEntry(TOTAL_STAMPS, 2L)
                .containsEntry(TOTAL_SIZE_BYTES, 15L).containsEntry(NamespaceTotals.WINDOWS_COMPLETED, 1L)
                .containsEntry(NamespaceTotals.LAST_AGGREGATION_ID, w.aggregationId());
        assertThat(f.sent(AGGREGATION_FAILED)).isEmpty();
    }

    @Test
    void theSnapshotOfALaterWindowIncludesTheEarlierOnes() {
        ReducerFixture f = new ReducerFixture(2, "5s");
        for (int i = 0; i < 6; i++) {
            f.reduce(stamp("docs", 10, "md", "wf-" + i));
        }
        List<OutboundEvent> persisted = f.sent(STATE_PERSISTED);
        assertThat(persisted).hasSize(3);
        assertThat(persisted).<Object>extracting(e -> ((Map<?, ?>) e.payload().get(STATE_SNAPSHOT)).get(TOTAL_STAMPS))
                .containsExactly(2L, 4L, 6L);
        assertThat(f.node.totals().get("docs").windowsCompleted()).isEqualTo(3);
        assertThat(f.node.totals().get("docs").totalSizeBytes()).isEqualTo(60);
    }

    @Test
    void aWindowThatCannotBePublishedFailsItsCallsAndIsReportedFailed() {
        ReducerFixture f = new ReducerFixture(2, "5s");
        EventEnvelope a = stamp("docs", 10, "md", "wf-1");
        EventEnvelope b = stamp("docs", 20, "md", "wf-2");
        CompletableFuture<WindowAggregate> first = f.reduce(a);
        f.publisher.failNext(new IllegalStateException("broker unavailable"));
        CompletableFuture<WindowAggregate> second = f.reduce(b);

        assertThat(second).isCompletedExceptionally();
        assertThatThrownBy(first::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WindowNotPublishedException.class)
                .hasMessageContaining("of namespace docs (2 events) was not published")
                .hasMessageContaining("broker unavailable");
        Map<String, Object> failed = f.onlyPayload(AGGREGATION_FAILED);
        assertThat(failed).containsEntry(NAMESPACE, "docs").containsEntry(ITEMS_PROCESSED, 2)
                .containsEntry(ERROR_TYPE, WindowNotPublishedException.class.getName());
        assertThat((String) failed.get(ERROR_MESSAGE)).contains("broker unavailable");
        assertThat(f.sent(FSM_STATE_TRANSITIONED)).last().extracting(e -> e.payload().get(TO_STATE))
                .isEqualTo("failed");
        assertThat(f.node.totals()).isEmpty();
        assertThat(f.publisher.types()).as("nothing after the failed transition but the failure itself")
                .containsExactly(FSM_STATE_INITIALIZED, FSM_STATE_TRANSITIONED, AGGREGATION_STARTED,
                        FSM_STATE_TRANSITIONED, FSM_STATE_TRANSITIONED, AGGREGATION_FAILED);

        // the pipeline's retries bring both events again: a new window, each counted once
        WindowAggregate retried = CompletableFuture.allOf(f.reduce(a), f.reduce(b))
                .thenCompose(x -> f.reduce(a)).join();
        assertThat(retried.itemsProcessed()).isEqualTo(2);
        assertThat(f.node.totals().get("docs").totalStamps()).isEqualTo(2);
        assertThat(f.node.totals().get("docs").totalSizeBytes()).isEqualTo(30);
    }

    @Test
    void aggregationCompletedIsSentOnlyAfterTheWindowsOtherEventsLanded() {
        ReducerFixture f = new ReducerFixture(2, "5s");
        f.failingTypes.add(STATE_PERSISTED);
        CompletableFuture<WindowAggregate> first = f.reduce(stamp("docs", 10, "md", "wf-1"));
        f.reduce(stamp("docs", 10, "md", "wf-2"));

        assertThat(first).isCompletedExceptionally();
        assertThat(f.publisher.types()).containsExactly(FSM_STATE_INITIALIZED, FSM_STATE_TRANSITIONED,
                AGGREGATION_STARTED, FSM_STATE_TRANSITIONED, BATCH_PROCESSED, STATE_PERSISTED, FSM_STATE_TRANSITIONED,
                AGGREGATION_FAILED);
        assertThat(f.sent(AGGREGATION_COMPLETED)).isEmpty();
        assertThat(f.node.totals()).isEmpty();
    }

    @Test
    void stopDiscardsTheOpenWindowAndFailsItsCalls() throws Exception {
        ReducerFixture f = new ReducerFixture(10, "5s");
        CompletableFuture<WindowAggregate> call = f.reduce(stamp("docs", 10, "md", "wf-1"));

        f.node.stop();

        assertThatThrownBy(call::join).cause().isInstanceOf(WindowNotPublishedException.class)
                .hasMessageContaining("stopped");
        assertThat(f.onlyPayload(AGGREGATION_FAILED)).containsEntry(ITEMS_PROCESSED, 1);
        assertThat(f.sent(FSM_STATE_TRANSITIONED)).last().extracting(e -> e.payload().get(FROM_STATE) + " -> "
                + e.payload().get(TO_STATE)).isEqualTo("aggregating -> failed");
        assertThat(f.sent(AGGREGATION_COMPLETED)).isEmpty();
        assertThat(f.scheduler.pendingTasks()).isZero();
    }

    @Test
    void aPayloadWithoutWhatTheReducerNeedsIsInvalidInputNamingTheField() {
        ReducerFixture f = new ReducerFixture(10, "5s");
        EventEnvelope bad = ReducerFixture.envelope("METADATA_STAMP_CREATED", null,
                Map.of("namespace", "docs", "file_size_bytes", "12kb"));
        assertThatThrownBy(() -> f.reduce(bad).join()).cause().isInstanceOf(InvalidInputException.class)
                .hasMessage("METADATA_STAMP_CREATED event " + bad.eventId()
                        + ": payload.file_size_bytes must be a non-negative integer, but was \"12kb\"");

        EventEnvelope noNamespace = ReducerFixture.envelope("METADATA_STAMP_CREATED", null,
                Map.of("file_size_bytes", 3));
        assertThatThrownBy(() -> f.reduce(noNamespace).join()).cause().isInstanceOf(InvalidInputException.class)
                .hasMessage("METADATA_STAMP_CREATED event " + noNamespace.eventId()
                        + ": payload.namespace is missing: expected a non-empty string");

        EventEnvelope other = ReducerFixture.envelope("NODE_HEARTBEAT", null, Map.of());
        assertThatThrownBy(() -> f.reduce(other).join()).cause().isInstanceOf(InvalidInputException.class)
                .hasMessage("event " + other.eventId() + ": event_type is 'NODE_HEARTBEAT', expected "
                        + "METADATA_STAMP_CREATED, STAMP_WORKFLOW_COMPLETED or STAMP_WORKFLOW_FAILED");

        EventEnvelope noWorkflow = ReducerFixture.envelope("STAMP_WORKFLOW_FAILED", null, Map.of());
        assertThatThrownBy(() -> f.reduce(noWorkflow).join()).cause().isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("payload.workflow_id is missing: expected a non-empty string");
        assertThat(f.publisher.attempts()).isEmpty();
    }

    @Test
    void listenersHearOfEveryPublishedWindow() throws Exception {
        ReducerFixture f = new ReducerFixture(1, "5s");
        List<WindowAggregate> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        AutoCloseable registration = f.node.addListener(heard::add);
        f.reduce(stamp("docs", 1, "md", "wf-1"));
        registration.close();
        f.reduce(stamp("docs", 1, "md", "wf-2"));
        assertThat(heard).extracting(WindowAggregate::totalStamps).containsExactly(1L);
    }
}
