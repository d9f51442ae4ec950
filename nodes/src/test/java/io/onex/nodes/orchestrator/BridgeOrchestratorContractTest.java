package io.onex.nodes.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.InvalidInputException;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.pipeline.CallOptions;
import io.onex.runtime.testing.NodeTestKit;
import io.onex.runtime.testing.PublishedRecord;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator as its shipped contract runs it, its five step nodes beside it (NodeTestKit: the runtime's wiring,
 * pipelines and envelopes on MockProducer, time on the kit's manual scheduler). With
 * {@code BRIDGE_ORCHESTRATOR_WORKFLOW_THREADS=0} the steps run on the test's thread, so every run here is
 * deterministic and nothing sleeps.
 */
class BridgeOrchestratorContractTest {

    private static final Path CONTRACTS = Path.of("../contracts");
    private static final String STAMP_STEP = "metadata_stamp_publish_effect";
    private static final String INTELLIGENCE_STEP = "onextree_intelligence_effect";
    /** The shipped contract's {@code config.timeout} of the intelligence step (BRIDGE_INTELLIGENCE_TIMEOUT unset). */
    private static final Duration INTELLIGENCE_TIMEOUT = Duration.ofSeconds(3);

    private static NodeTestKit.Builder orchestrator() {
        return NodeTestKit.forContract(CONTRACTS.resolve("bridge_orchestrator.yaml"))
                .alongside(CONTRACTS.resolve("stamp_input_validation.yaml"),
                        CONTRACTS.resolve("blake3_hash_compute.yaml"),
                        CONTRACTS.resolve("metadata_stamp_compute.yaml"),
                        CONTRACTS.resolve(INTELLIGENCE_STEP + ".yaml"),
                        CONTRACTS.resolve(STAMP_STEP + ".yaml"))
                .environment(Map.of("BRIDGE_ORCHESTRATOR_WORKFLOW_THREADS", "0", "BRIDGE_ORCHESTRATOR_RUN_LOG", "memory"));
    }

    private static Map<String, Object> request(String fileName, String content, String correlationId) {
        Map<String, Object> r = new HashMap<>();
        r.put("content", content);
        r.put("file_name", fileName);
        r.put("namespace", "docs");
        r.put("correlation_id", correlationId);
        return r;
    }

    private static Map<String, Object> withIntelligence(Map<String, Object> request) {
        Map<String, Object> r = new HashMap<>(request);
        r.put("request_intelligence", true);
        return r;
    }

    private static List<String> types(List<PublishedRecord> records) {
        return records.stream().map(PublishedRecord::eventType).toList();
    }

    private static PublishedRecord only(NodeTestKit kit, String topic) {
        List<PublishedRecord> of = kit.publishedTo(topic);
        assertThat(of).as(topic).hasSize(1);
        return of.get(0);
    }

    @Test
    void aStampRunPublishesItsWorkflowEventsAndTheStampOnTheContractTopicsUnderItsCorrelationId() throws Exception {
        try (NodeTestKit kit = orchestrator().build()) {
            StampResult stamp = (StampResult) kit.call(request("notes/README.md", "# Notes\n", "run-1")).join();

            assertThat(stamp.state()).isEqualTo("completed");
            assertThat(stamp.correlationId()).isEqualTo("run-1");
            assertThat(stamp.createdAt()).as("the runtime's clock").isEqualTo(kit.clock().instant().toString());
            List<PublishedRecord> events = kit.published();
            assertThat(types(events)).containsExactly(
                    WorkflowEventFields.STAMP_WORKFLOW_STARTED,
                    WorkflowEventFields.WORKFLOW_STATE_TRANSITION,
                    WorkflowEventFields.WORKFLOW_STEP_COMPLETED,
                    StampEventFields.HASH_GENERATED,
                    WorkflowEventFields.WORKFLOW_STEP_COMPLETED,
                    WorkflowEventFields.WORKFLOW_STEP_COMPLETED,
                    WorkflowEventFields.WORKFLOW_STEP_COMPLETED,
                    StampEventFields.STAMP_CREATED,
                    WorkflowEventFields.WORKFLOW_STEP_COMPLETED,
                    WorkflowEventFields.STAMP_WORKFLOW_COMPLETED,
                    WorkflowEventFields.WORKFLOW_STATE_TRANSITION);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.topic()).as(e.eventType()).isEqualTo(kit.topic(OrchestratorEventTopics.TOPIC_OF_TYPE.get(e.eventType())));
                assertThat(e.envelope().correlationId()).as(e.eventType()).isEqualTo("run-1");
                assertThat(e.key()).as(e.eventType()).isEqualTo("run-1");
                assertThat(e.payload()).as(e.eventType()).containsEntry(WorkflowEventFields.WORKFLOW_ID,
                        stamp.workflowId());
            });
            assertThat(kit.publishedTo(BridgeTopics.WORKFLOW_STEP_COMPLETED))
                    .extracting(e -> e.payload().get(WorkflowEventFields.STEP_NAME))
                    .containsExactly("validate_input", "hash_content", "create_stamp", "request_intelligence",
                            "publish_stamp");
            assertThat(kit.publishedTo(BridgeTopics.WORKFLOW_STATE_TRANSITION))
                    .extracting(e -> e.payload().get(WorkflowEventFields.FROM_STATE) + "->"
                            + e.payload().get(WorkflowEventFields.TO_STATE))
                    .containsExactly("pending->processing", "processing->completed");
            assertThat(events).filteredOn(e -> e.eventType().startsWith("WORKFLOW_")
                    || e.eventType().startsWith("STAMP_WORKFLOW_")).allSatisfy(e -> {
                        assertThat(e.envelope().source().nodeId()).isEqualTo(kit.nodeId());
                        assertThat(e.envelope().source().nodeType()).isEqualTo("orchestrator");
                        assertThat(e.payload()).containsEntry(WorkflowEventFields.NAMESPACE, "docs");
                    });
            PublishedRecord created = only(kit, BridgeTopics.METADATA_STAMP_CREATED);
            assertThat(created.envelope().source().nodeId()).isEqualTo(kit.runtime().nodeId(STAMP_STEP));
            assertThat(created.payload()).containsEntry(StampEventFields.STAMP_ID, stamp.stampId())
                    .containsEntry(StampEventFields.FILE_HASH, stamp.fileHash())
                    .containsEntry(StampEventFields.FILE_NAME, "notes/README.md")
                    .containsEntry(StampEventFields.CREATED_AT, stamp.createdAt())
                    .containsEntry(StampEventFields.INTELLIGENCE_STATUS, "not_requested");
            assertThat(kit.deadLetters()).isEmpty();
        }
    }

    @Test
    void anUnansweredIntelligenceRequestTimesOutOnlyWhenTheKitAdvancesPastTheContractTimeout() throws Exception {
        try (NodeTestKit kit = orchestrator().build()) {
            CompletableFuture<Object> run = kit.call(withIntelligence(request("notes.md", "# notes", "run-slow")));

            PublishedRecord requested = only(kit, BridgeTopics.INTELLIGENCE_REQUESTED);
            assertThat(requested.envelope().correlationId()).isEqualTo("run-slow");
            assertThat(requested.payload()).containsKey(StampEventFields.REQUEST_ID);
            assertThat(((Number) requested.payload().get(StampEventFields.TIMEOUT_MS)).longValue())
                    .isEqualTo(INTELLIGENCE_TIMEOUT.toMillis());
            kit.advance(INTELLIGENCE_TIMEOUT.minusMillis(1));
            assertThat(run).isNotDone();
            assertThat(kit.publishedTo(BridgeTopics.METADATA_STAMP_CREATED)).isEmpty();

            kit.advance(Duration.ofMillis(1));

            StampResult stamp = (StampResult) run.getNow(null);
            assertThat(stamp.state()).isEqualTo("completed");
            assertThat(stamp.intelligenceStatus()).isEqualTo("timed_out");
            assertThat(stamp.intelligence()).isNull();
            assertThat(only(kit, BridgeTopics.INTELLIGENCE_RECEIVED).payload())
                    .containsEntry(StampEventFields.INTELLIGENCE_STATUS, "timed_out")
                    .containsEntry(StampEventFields.REQUEST_ID, requested.payload().get(StampEventFields.REQUEST_ID));
            assertThat(only(kit, BridgeTopics.METADATA_STAMP_CREATED).payload())
                    .containsEntry(StampEventFields.INTELLIGENCE_STATUS, "timed_out")
                    .doesNotContainKey(StampEventFields.INTELLIGENCE);
            assertThat(kit.runtime().node(INTELLIGENCE_STEP, OnextreeIntelligenceEffect.class).pendingRequests())
                    .isZero();
        }
    }

    @Test
    void anIntelligenceResponseConsumedFromTheResponseTopicCompletesTheRunWithTheAnswer() throws Exception {
        try (NodeTestKit kit = orchestrator().build()) {
            CompletableFuture<Object> run = kit.call(withIntelligence(request("notes.md", "# notes", "run-answered")));
            String requestId = (String) only(kit, BridgeTopics.INTELLIGENCE_REQUESTED).payload()
                    .get(StampEventFields.REQUEST_ID);
            Map<String, Object> answer = Map.of("summary", "notes", "tags", List.of("markdown"));

            CompletableFuture<RecordOutcome> consumed = deliverResponse(kit, response("run-answered",
                    Map.of(StampEventFields.REQUEST_ID, requestId, StampEventFields.INTELLIGENCE, answer)));

            assertThat(consumed).isCompletedWithValue(RecordOutcome.PROCESSED);
            StampResult stamp = (StampResult) run.getNow(null);
            assertThat(stamp.intelligenceStatus()).isEqualTo("received");
            assertThat(stamp.intelligence()).isEqualTo(answer);
            assertThat(only(kit, BridgeTopics.METADATA_STAMP_CREATED).payload())
                    .containsEntry(StampEventFields.INTELLIGENCE, answer);
            assertThat(kit.published()).as("README: a completed run with intelligence publishes 13 events")
                    .hasSize(13).allSatisfy(e -> assertThat(e.envelope().correlationId()).isEqualTo("run-answered"));
            kit.advance(INTELLIGENCE_TIMEOUT.multipliedBy(2));
            assertThat(kit.publishedTo(BridgeTopics.INTELLIGENCE_RECEIVED)).as("the timer was cancelled").hasSize(1);
        }
    }

    @Test
    void aResponseWithoutAnAnswerIsDeadLetteredOnTheResponseTopicAndTheRequestKeepsWaiting() throws Exception {
        try (NodeTestKit kit = orchestrator().build()) {
            CompletableFuture<Object> run = kit.call(withIntelligence(request("notes.md", "# notes", "run-bad")));
            String requestId = (String) only(kit, BridgeTopics.INTELLIGENCE_REQUESTED).payload()
                    .get(StampEventFields.REQUEST_ID);

            CompletableFuture<RecordOutcome> consumed = deliverResponse(kit, response("run-bad",
                    Map.of(StampEventFields.REQUEST_ID, requestId)));

            assertThat(consumed).isCompletedWithValue(RecordOutcome.DEAD_LETTERED);
            assertThat(kit.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.topic()).isEqualTo(kit.topic(BridgeTopics.INTELLIGENCE_RESPONSE) + ".dlq");
                assertThat(d.errorType()).isEqualTo(InvalidInputException.class.getName());
                assertThat(d.errorMessage()).startsWith("intelligence: required in an intelligence response");
                assertThat(d.retryCount()).isEqualTo(1);
            });
            assertThat(run).isNotDone();
            kit.advance(INTELLIGENCE_TIMEOUT);
            assertThat(((StampResult) run.getNow(null)).intelligenceStatus()).isEqualTo("timed_out");
        }
    }

    @Test
    void aRepeatedCorrelationIdAnswersWithTheFirstStampAndPublishesNoSecondRun() throws Exception {
        try (NodeTestKit kit = orchestrator().build()) {
            StampResult first = (StampResult) kit.call(request("a.txt", "hello", "run-same")).join();
            int published = kit.published().size();

            Object again = kit.call(request("b.txt", "other content", "run-same")).join();
            Map<String, Object> withoutId = request("a.txt", "hello", null);
            Object viaCall = kit.call(withoutId, CallOptions.builder().correlationId("run-same").build()).join();

            assertThat(again).isEqualTo(first);
            assertThat(viaCall).isEqualTo(first);
            assertThat(kit.published()).hasSize(published);
            assertThat(kit.publishedTo(BridgeTopics.STAMP_WORKFLOW_STARTED)).hasSize(1);
            assertThat(kit.publishedTo(BridgeTopics.METADATA_STAMP_CREATED)).hasSize(1);
        }
    }

    @Test
    void missingContentFailsTheCallAtOnceBeforeARunStartsAndPublishesNothing() throws Exception {
        try (NodeTestKit kit = orchestrator().build()) {
            Map<String, Object> noContent = request("a.txt", null, "run-bad-input");

            CompletableFuture<Object> call = kit.call(noContent);

            // failed already: not retried (the contract's one attempt), no run waits on the scheduler
            assertThat(call).failsWithin(Duration.ZERO).withThrowableThat().havingRootCause()
                    .isInstanceOf(InvalidInputException.class)
                    .withMessage("content: required, expected the text to stamp in 'content' or its bytes "
                            + "base64-encoded in 'content_base64'");
            assertThat(kit.published()).as("README: rejected before a run starts, so no STAMP_WORKFLOW_FAILED")
                    .isEmpty();
            assertThat(kit.deadLetters()).as("dead_letter.enabled: false").isEmpty();
            StampResult corrected = (StampResult) kit.call(request("a.txt", "x", "run-bad-input")).join();
            assertThat(corrected.state()).as("the id was not claimed by the rejected call").isEqualTo("completed");
        }
    }

    @Test
    void aStampTheBrokerRefusesIsRetriedAsContractedThenDeadLetteredAndTheRunFails() throws Exception {
        try (NodeTestKit kit = orchestrator().holdSends().build()) {
            String stampTopic = kit.topic(BridgeTopics.METADATA_STAMP_CREATED);
            CompletableFuture<Object> run = kit.call(request("a.txt", "x", "run-refused"));

            // the contract: 3 attempts, initial_backoff 200ms doubling, 20% jitter (the default): 160..240, 320..480 ms
            assertThat(kit.acknowledgeSendsUntil(stampTopic)).as("the first attempt's send").isTrue();
            kit.refuseNextSend(new NotEnoughReplicasException("not enough replicas"));
            kit.advance(Duration.ofMillis(150));
            assertThat(kit.publishedTo(BridgeTopics.METADATA_STAMP_CREATED)).as("no retry before its backoff")
                    .hasSize(1);
            kit.advance(Duration.ofMillis(100));
            assertThat(kit.acknowledgeSendsUntil(stampTopic)).as("the second attempt's send").isTrue();
            kit.refuseNextSend(new NotEnoughReplicasException("not enough replicas"));
            kit.advance(Duration.ofMillis(500));
            assertThat(kit.acknowledgeSendsUntil(stampTopic)).as("the third attempt's send").isTrue();
            kit.refuseNextSend(new NotEnoughReplicasException("not enough replicas"));
            kit.acknowledgeAllSends(); // the dead letter, then the run's failure events

            StampResult failed = (StampResult) run.getNow(null);
            assertThat(failed.state()).isEqualTo("failed");
            assertThat(failed.stampId()).isNull();
            assertThat(failed.error()).contains("not enough replicas");
            assertThat(kit.publishedTo(BridgeTopics.METADATA_STAMP_CREATED)).as("every attempt is in the history")
                    .hasSize(3);
            assertThat(kit.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.topic()).isEqualTo(stampTopic + ".dlq");
                assertThat(d.originalTopic()).isEqualTo(stampTopic);
                assertThat(d.errorType()).isEqualTo(NotEnoughReplicasException.class.getName());
                assertThat(d.retryCount()).isEqualTo(3);
            });
            PublishedRecord workflowFailed = only(kit, BridgeTopics.STAMP_WORKFLOW_FAILED);
            assertThat(workflowFailed.envelope().correlationId()).isEqualTo("run-refused");
            assertThat(workflowFailed.payload()).containsEntry(WorkflowEventFields.FAILED_STEP, "publish_stamp")
                    .containsEntry(WorkflowEventFields.WORKFLOW_ID, failed.workflowId());
            assertThat(kit.publishedTo(BridgeTopics.STAMP_WORKFLOW_COMPLETED)).isEmpty();
        }
    }

    private static EventEnvelope response(String correlationId, Map<String, Object> payload) {
        return EventEnvelope.create("ONEXTREE_INTELLIGENCE_RESPONSE", correlationId, null,
                java.time.Instant.parse("2026-01-01T00:00:00Z"), new EventSource("svc", "effect", "intelligence-1"),
                Map.of(), payload);
    }

    /** Hands the intelligence step (run alongside) a record of its response topic as its consumer would. */
    private static CompletableFuture<RecordOutcome> deliverResponse(NodeTestKit kit, EventEnvelope response) {
        return kit.deliverTo(INTELLIGENCE_STEP, BridgeTopics.INTELLIGENCE_RESPONSE, response);
    }
}
