package io.onex.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.NonRetryableException;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.workflow.WorkflowResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The shipped workflows under the kit. Every node is stubbed here: the shipped nodes' classes live in the nodes
 * module (whose tests run real ones through the same kit).
 */
class WorkflowTestKitTest {

    private static final Path CONTRACTS = Path.of("../contracts");
    private static final Path TRIAGE = Path.of("../workflows/document_triage.yaml");
    private static final Path INGESTION = Path.of("../workflows/document_ingestion.yaml");

    /** A stand-in for text_statistics_compute: counts words, names the capitalised ones entities. */
    private static final StepStub COUNTING = in -> {
        String text = String.valueOf(in.get("text")).trim();
        List<String> words = text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
        return Map.of("document_id", in.get("document_id"), "word_count", words.size(), "sentence_count", 1,
                "entities", words.stream().filter(w -> Character.isUpperCase(w.charAt(0))).toList(),
                "relationships", List.of());
    };
    private static final StepStub SENT = in -> Map.of("success", true, "topic", in.get("topic"));

    private static WorkflowTestKit.Builder triage() {
        return WorkflowTestKit.forWorkflow(TRIAGE).contracts(CONTRACTS).stub("text_statistics_compute", COUNTING);
    }

    @Test
    void shortDocumentIsRoutedToTheShortTopicWithTheStepsOutputsInItsPayload() throws Exception {
        try (WorkflowTestKit kit = triage().stub("kafka_event_effect", SENT).build()) {
            WorkflowResult r = kit.run(Map.of("document_id", "d-1", "title", "Kafka at Acme", "body", "Short body."));

            assertThat(r.status()).isEqualTo(WorkflowResult.Status.COMPLETED);
            assertThat(r.outputs()).containsEntry("route", "short").containsEntry("body_words", 2L)
                    .containsEntry("entities", List.of("Kafka", "Acme", "Short"));
            assertThat(kit.callsTo("kafka_event_effect")).singleElement().satisfies(in -> {
                assertThat(in).containsEntry("topic", "enrichment.short-document.v1");
                assertThat(in.get("payload")).isEqualTo(Map.of("document_id", "d-1", "body_words", 2L,
                        "title_entities", List.of("Kafka", "Acme")));
            });
            assertThat(kit.callsTo("text_statistics_compute")).extracting(in -> in.get("text"))
                    .containsExactlyInAnyOrder("Kafka at Acme", "Short body.");
        }
    }

    @Test
    void theRunsWorkflowEventsAreOnTheOrchestratorTopicsUnderItsCorrelationId() throws Exception {
        try (WorkflowTestKit kit = triage().stub("kafka_event_effect", SENT).build()) {
            kit.run(Map.of("document_id", "d-1", "title", "T", "body", "b"), "corr-9");

            assertThat(kit.publishedTo(BridgeTopics.STAMP_WORKFLOW_STARTED)).singleElement()
                    .satisfies(p -> assertThat(p.envelope().correlationId()).isEqualTo("corr-9"));
            assertThat(kit.publishedTo(BridgeTopics.STAMP_WORKFLOW_COMPLETED)).hasSize(1);
            assertThat(kit.publishedTo(BridgeTopics.STAMP_WORKFLOW_FAILED)).isEmpty();
        }
    }

    @Test
    void aStepThatFailsTwiceIsRetriedAsItsContractSaysWhileVirtualTimePasses() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        StepStub flaky = in -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("broker unavailable");
            }
            return Map.of("success", true);
        };
        try (WorkflowTestKit kit = triage().stub("kafka_event_effect", flaky).build()) {
            Instant before = kit.clock().instant();

            WorkflowResult r = kit.run(Map.of("document_id", "d-1", "title", "T", "body", "b"));

            assertThat(r.status()).isEqualTo(WorkflowResult.Status.COMPLETED);
            assertThat(kit.callsTo("kafka_event_effect")).hasSize(3); // kafka_event_effect.yaml: max_attempts 3
            // waits of 100 ms and 200 ms, each ±20%: virtual time, not the test's
            Duration passed = Duration.between(before, kit.clock().instant());
            assertThat(passed).isBetween(Duration.ofMillis(240), Duration.ofMillis(360));
            assertThat(r.duration()).isEqualTo(passed); // the run is timed on the kit's clock
            assertThat(r.steps()).filteredOn(s -> s.name().equals("publish_short_document")).singleElement()
                    .satisfies(s -> assertThat(s.duration()).isEqualTo(passed));
        }
    }

    @Test
    void aStepThatFailsForGoodRunsTheFailureHandlerWithTheErrorAndFailsTheRun() throws Exception {
        StepStub refusing = in -> {
            if ("enrichment.completed.v1".equals(in.get("topic"))) {
                throw new NonRetryableException("record too large");
            }
            return Map.of("success", true);
        };
        try (WorkflowTestKit kit = WorkflowTestKit.forWorkflow(INGESTION).contracts(CONTRACTS)
                .stub("text_statistics_compute", COUNTING).stub("kafka_event_effect", refusing).build()) {
            WorkflowResult r = kit.run(Map.of("document_id", "d-2", "text", "Alice met Bob"));

            assertThat(r.status()).isEqualTo(WorkflowResult.Status.FAILED);
            assertThat(r.error().step()).isEqualTo("publish_completion_event");
            assertThat(kit.callsTo("kafka_event_effect")).hasSize(2).last().satisfies(in -> {
                assertThat(in).containsEntry("topic", "enrichment.failed.v1");
                @SuppressWarnings("unchecked")
                Map<String, Object> payload = (Map<String, Object>) in.get("payload");
                assertThat(payload).containsEntry("failed_step", "publish_completion_event")
                        .containsEntry("error_message", "kafka_event_effect failed after 1 attempt:"
                                + " NonRetryableException: record too large"); // not retried
            });
        }
    }

    @Test
    void inputsTheWorkflowDoesNotDeclareAreRefusedBeforeAnythingRuns() throws Exception {
        try (WorkflowTestKit kit = triage().stub("kafka_event_effect", SENT).build()) {
            assertThatThrownBy(() -> kit.run(Map.of("document_id", "d-1", "title", "T")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("body");
            assertThat(kit.callsTo("text_statistics_compute")).isEmpty();
        }
    }

    @Test
    void aStubForANodeNoStepCallsIsRefusedNamingTheNodesTheStepsCall() {
        assertThatThrownBy(() -> triage().stub("bridge_reducer", in -> Map.of()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[bridge_reducer]")
                .hasMessageContaining("text_statistics_compute").hasMessageContaining("kafka_event_effect");
    }
}
