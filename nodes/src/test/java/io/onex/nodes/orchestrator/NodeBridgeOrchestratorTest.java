package io.onex.nodes.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.InvalidInputException;
import io.onex.api.OutboundEvent;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.contract.NodeContract;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import io.onex.runtime.testing.RecordingEventPublisher;
import io.onex.runtime.workflow.WorkflowEventFields;
import io.onex.runtime.inject.WorkflowModule;
import io.onex.runtime.workflow.StepInvoker;
import io.onex.runtime.workflow.WorkflowEngine;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeBridgeOrchestratorTest {

    private final MutableClock clock = MutableClock.atEpochSecond(1_795_000_000L);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private InProcessSteps steps;
    private NodeBridgeOrchestrator orchestrator;

    @BeforeEach
    void startOrchestrator() throws Exception {
        steps = new InProcessSteps(events, clock, scheduler);
        NodeContract contract = InProcessSteps.contract("bridge_orchestrator");
        Map<String, Object> config = new HashMap<>(contract.config());
        config.put("workflow_threads", "0");
        config.put("idempotency_cache_size", "2");
        orchestrator = new NodeBridgeOrchestrator(contract.toBuilder().config(config).build(), steps, engine(), events,
                InProcessSteps.MAPPER);
        orchestrator.start(steps.context("stamp_input_validation", "start", null));
    }

    /** The engine as the runtime's WorkflowModule sets it, on the test's scheduler. */
    private WorkflowEngine.Builder engine() {
        return WorkflowEngine.builder().mapper(InProcessSteps.MAPPER).scheduler(scheduler).clock(clock)
                .eventTopics(WorkflowModule.BRIDGE_EVENT_TOPICS);
    }

    private CompletableFuture<StampResult> stamp(StampRequest request, String callCorrelationId) {
        return orchestrator.orchestrate(request, steps.context("stamp_input_validation", callCorrelationId, null))
                .toCompletableFuture();
    }

    private Map<String, Object> onlyPayload(String eventType) {
        List<OutboundEvent> of = events.attempts(eventType);
        assertThat(of).as(eventType).hasSize(1);
        return of.get(0).payload();
    }

    @Test
    void stampsTextAndPublishesTheStampWithEveryDocumentedField() {
        StampResult r = stamp(StampRequest.ofText("README.md", "docs", ""), "corr-1").join();

        assertThat(r.state()).isEqualTo("completed");
        assertThat(r.correlationId()).isEqualTo("corr-1");
        assertThat(r.fileHash()).isEqualTo("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
        assertThat(r.fileSizeBytes()).isZero();
        assertThat(r.contentType()).isEqualTo("text/markdown");
        assertThat(r.fileType()).isEqualTo("md");
        assertThat(r.createdAt()).isEqualTo(clock.instant().toString());
        assertThat(r.intelligenceStatus()).isEqualTo("not_requested");

        Map<String, Object> created = onlyPayload(StampEventFields.STAMP_CREATED);
        assertThat(created).containsEntry(StampEventFields.STAMP_ID, r.stampId())
                .containsEntry(StampEventFields.WORKFLOW_ID, r.workflowId())
                .containsEntry(StampEventFields.FILE_HASH, r.fileHash())
                .containsEntry(StampEventFields.HASH_ALGORITHM, "blake3")
                .containsEntry(StampEventFields.NAMESPACE, "docs")
                .containsEntry(StampEventFields.FILE_NAME, "README.md")
                .containsEntry(StampEventFields.FILE_SIZE_BYTES, 0L)
                .containsEntry(StampEventFields.CONTENT_TYPE, "text/markdown")
                .containsEntry(StampEventFields.FILE_TYPE, "md")
                .containsEntry(StampEventFields.CREATED_AT, clock.instant().toString())
                .doesNotContainKey(StampEventFields.INTELLIGENCE);
        assertThat(onlyPayload(StampEventFields.HASH_GENERATED)).containsEntry(StampEventFields.WORKFLOW_ID,
                r.workflowId()).containsEntry(StampEventFields.FILE_HASH, r.fileHash());
        assertThat(events.attempts(StampEventFields.STAMP_CREATED).get(0).topic())
                .isEqualTo(BridgeTopics.METADATA_STAMP_CREATED);
        assertThat(events.types()).contains(WorkflowEventFields.STAMP_WORKFLOW_STARTED,
                WorkflowEventFields.STAMP_WORKFLOW_COMPLETED).doesNotContain(StampEventFields.INTELLIGENCE_REQUESTED);
        assertThat(events.attempts(WorkflowEventFields.WORKFLOW_STEP_COMPLETED)).hasSize(5);
        assertThat(events.attempts(WorkflowEventFields.WORKFLOW_STATE_TRANSITION))
                .extracting(e -> e.payload().get(WorkflowEventFields.FROM_STATE) + "->"
                        + e.payload().get(WorkflowEventFields.TO_STATE))
                .containsExactly("pending->processing", "processing->completed");
    }

    @Test
    void theCompletedEventCarriesEachStepsStatusAndDurationAsTheSeedsStepResults() {
        stamp(StampRequest.ofText("README.md", "docs", "hello"), "corr-steps").join();

        List<String> stepNames = events.attempts(WorkflowEventFields.WORKFLOW_STEP_COMPLETED).stream()
                .map(e -> (String) e.payload().get(WorkflowEventFields.STEP_NAME)).toList();
        Object stepResults = onlyPayload(WorkflowEventFields.STAMP_WORKFLOW_COMPLETED).get("step_results");
        assertThat(stepResults).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> results = (Map<String, Map<String, Object>>) stepResults;
        assertThat(results.keySet()).containsExactlyElementsOf(stepNames);
        assertThat(results.values()).allSatisfy(r -> assertThat(r)
                .containsEntry(WorkflowEventFields.STEP_STATUS, "completed")
                .containsKey(WorkflowEventFields.DURATION_MS));
    }

    @Test
    void theSameCorrelationIdTwiceReturnsTheFirstStampAndCreatesOneStamp() {
        StampResult first = stamp(StampRequest.ofText("a.txt", "docs", "hello"), "corr-same").join();
        StampResult again = stamp(StampRequest.ofText("a.txt", "docs", "hello"), "corr-same").join();
        StampResult viaRequestId = stamp(StampRequest.ofText("a.txt", "docs", "hello").withCorrelationId("corr-same"),
                "another-call").join();

        assertThat(again).isEqualTo(first);
        assertThat(viaRequestId).isEqualTo(first);
        assertThat(events.attempts(StampEventFields.STAMP_CREATED)).hasSize(1);
        assertThat(events.attempts(WorkflowEventFields.STAMP_WORKFLOW_STARTED)).hasSize(1);
    }

    @Test
    void aRepeatWhileTheFirstRunWaitsGetsItsResultAndCancellingOneCallerLeavesTheOther() {
        StampRequest request = StampRequest.ofText("n.md", "docs", "x").withIntelligence(true);
        CompletableFuture<StampResult> first = stamp(request, "corr-wait");
        CompletableFuture<StampResult> repeat = stamp(request, "corr-wait");

        repeat.cancel(true);
        scheduler.advance(Duration.ofSeconds(3));

        assertThat(first.join().intelligenceStatus()).isEqualTo("timed_out");
        assertThat(stamp(request, "corr-wait").join()).isEqualTo(first.join());
        assertThat(events.attempts(StampEventFields.INTELLIGENCE_REQUESTED)).hasSize(1);
        assertThat(events.attempts(StampEventFields.STAMP_CREATED)).hasSize(1);
    }

    @Test
    void idempotencyIsBoundedAndForgetsTheOldestFirst() {
        stamp(StampRequest.ofText("a.txt", "docs", "1"), "corr-a").join();
        stamp(StampRequest.ofText("b.txt", "docs", "2"), "corr-b").join();
        stamp(StampRequest.ofText("c.txt", "docs", "3"), "corr-c").join();
        assertThat(orchestrator.rememberedRuns()).isEqualTo(2);

        stamp(StampRequest.ofText("a.txt", "docs", "1"), "corr-a").join();

        assertThat(events.attempts(StampEventFields.STAMP_CREATED)).as("corr-a was forgotten: a new run").hasSize(4);
    }

    @Test
    void anUnansweredIntelligenceRequestTimesOutAndTheStampIsStillCreated() {
        CompletableFuture<StampResult> run = stamp(StampRequest.ofText("notes.md", "docs", "# notes")
                .withIntelligence(true), "corr-slow");

        assertThat(run).isNotDone();
        Map<String, Object> requested = onlyPayload(StampEventFields.INTELLIGENCE_REQUESTED);
        assertThat(requested).containsKey(StampEventFields.REQUEST_ID).containsEntry(StampEventFields.TIMEOUT_MS, 3000L);
        assertThat(events.attempts(StampEventFields.STAMP_CREATED)).isEmpty();

        scheduler.advance(Duration.ofSeconds(3));

        StampResult r = run.join();
        assertThat(r.state()).isEqualTo("completed");
        assertThat(r.intelligenceStatus()).isEqualTo("timed_out");
        assertThat(r.intelligence()).isNull();
        assertThat(onlyPayload(StampEventFields.INTELLIGENCE_RECEIVED))
                .containsEntry(StampEventFields.INTELLIGENCE_STATUS, "timed_out")
                .containsEntry(StampEventFields.REQUEST_ID, requested.get(StampEventFields.REQUEST_ID));
        assertThat(onlyPayload(StampEventFields.STAMP_CREATED)).containsEntry(StampEventFields.INTELLIGENCE_STATUS,
                "timed_out").doesNotContainKey(StampEventFields.INTELLIGENCE);
        assertThat(steps.intelligence.pendingRequests()).isZero();
    }

    @Test
    void anAnsweredIntelligenceRequestPutsTheAnswerInTheStamp() {
        CompletableFuture<StampResult> run = stamp(StampRequest.ofText("notes.md", "docs", "# notes")
                .withIntelligence(true), "corr-answered");
        String requestId = (String) onlyPayload(StampEventFields.INTELLIGENCE_REQUESTED).get(StampEventFields.REQUEST_ID);

        Map<String, Object> answer = Map.of("summary", "notes", "tags", List.of("markdown"));
        EventEnvelope response = EventEnvelope.create("ONEXTREE_INTELLIGENCE_RESPONSE", "corr-answered", null,
                clock.instant(), new EventSource("svc", "effect", "intelligence-1"), Map.of(),
                Map.of(StampEventFields.REQUEST_ID, requestId, StampEventFields.INTELLIGENCE, answer));
        IntelligenceOutcome consumed = steps.intelligence.executeEffect(new IntelligenceMessage(null, null, null, null,
                null, null, null, requestId, answer), steps.context("onextree_intelligence_effect", "corr-answered",
                response)).toCompletableFuture().join();

        assertThat(consumed.intelligenceStatus()).isEqualTo("matched");
        StampResult r = run.join();
        assertThat(r.intelligenceStatus()).isEqualTo("received");
        assertThat(r.intelligence()).isEqualTo(answer);
        assertThat(onlyPayload(StampEventFields.STAMP_CREATED)).containsEntry(StampEventFields.INTELLIGENCE, answer)
                .containsEntry(StampEventFields.INTELLIGENCE_STATUS, "received");
        assertThat(onlyPayload(StampEventFields.INTELLIGENCE_RECEIVED)).containsEntry(StampEventFields.INTELLIGENCE,
                answer).containsEntry(StampEventFields.INTELLIGENCE_STATUS, "received");
        assertThat(scheduler.pendingTasks()).as("the timeout timer was cancelled, only the workflow's remains")
                .isLessThanOrEqualTo(1);
    }

    @Test
    void missingContentIsRejectedNamingTheFieldBeforeARunStarts() {
        assertThatThrownBy(() -> stamp(new StampRequest(null, null, "a.txt", "docs", null, false, null), "corr-bad"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("content: required, expected the text to stamp in 'content' or its bytes base64-encoded "
                        + "in 'content_base64'");
        assertThat(events.attempts()).isEmpty();
    }

    @Test
    void anEmptyNamespaceIsRejectedNamingTheField() {
        assertThatThrownBy(() -> stamp(StampRequest.ofText("a.txt", "  ", "x"), "corr-bad"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("namespace: required, expected a non-empty name such as docs, but was empty");
        assertThatThrownBy(() -> stamp(new StampRequest(null, "not base64!", "a.bin", "docs", null, false, null), "c"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("content_base64: expected standard base64");
        assertThat(events.attempts()).isEmpty();
    }

    @Test
    void aFailedRunReportsFailedAndIsForgottenSoTheSameRequestRunsAgain() throws Exception {
        AtomicBoolean failHash = new AtomicBoolean(true);
        StepInvoker flaky = (node, input, call) -> node.equals("blake3_hash_compute") && failHash.getAndSet(false)
                ? CompletableFuture.failedFuture(new IOException("disk gone"))
                : steps.invoke(node, input, call);
        NodeContract contract = InProcessSteps.contract("bridge_orchestrator");
        Map<String, Object> config = new HashMap<>(contract.config());
        config.put("workflow_threads", "0");
        NodeBridgeOrchestrator withFlakyHash = new NodeBridgeOrchestrator(contract.toBuilder().config(config).build(),
                flaky, engine(), events, InProcessSteps.MAPPER);
        withFlakyHash.start(steps.context("stamp_input_validation", "start", null));
        StampRequest request = StampRequest.ofText("a.txt", "docs", "x").withCorrelationId("corr-flaky");

        StampResult failed = withFlakyHash.orchestrate(request, steps.context("stamp_input_validation", "c", null))
                .toCompletableFuture().join();

        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.error()).isEqualTo("disk gone");
        assertThat(failed.stampId()).isNull();
        assertThat(onlyPayload(WorkflowEventFields.STAMP_WORKFLOW_FAILED))
                .containsEntry(WorkflowEventFields.FAILED_STEP, "hash_content");
        assertThat(events.attempts(WorkflowEventFields.WORKFLOW_STATE_TRANSITION))
                .extracting(e -> e.payload().get(WorkflowEventFields.TO_STATE)).containsExactly("processing", "failed");
        assertThat(events.attempts(StampEventFields.STAMP_CREATED)).isEmpty();

        StampResult retried = withFlakyHash.orchestrate(request, steps.context("stamp_input_validation", "c", null))
                .toCompletableFuture().join();

        assertThat(retried.state()).isEqualTo("completed");
        assertThat(events.attempts(StampEventFields.STAMP_CREATED)).hasSize(1);
    }
}
