package io.onex.nodes.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.testing.WorkflowTestKit;
import io.onex.runtime.workflow.WorkflowResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** workflows/document_ingestion.yaml with the real nodes, on the kit's MockProducer (no broker). */
class DocumentIngestionWorkflowTest {

    @Test
    void aDocumentIsMeasuredAndDocumentIngestedPublishedKeyedByItsId() throws Exception {
        try (WorkflowTestKit kit = WorkflowTestKit.forWorkflow(Path.of("../workflows/document_ingestion.yaml"))
                .contracts(Path.of("../contracts")).build()) {
            WorkflowResult r = kit.run(Map.of("document_id", "doc-123",
                    "text", "Alice met Bob in Paris. They talked about Kafka at Acme."));

            assertThat(r.status()).isEqualTo(WorkflowResult.Status.COMPLETED);
            assertThat(r.outputs()).containsEntry("entities_count", 4L);
            assertThat(kit.publishedTo("enrichment.completed.v1")).singleElement().satisfies(p -> {
                assertThat(p.key()).isEqualTo("doc-123");
                assertThat(p.eventType()).isEqualTo("DOCUMENT_INGESTED");
                assertThat(p.payload()).containsEntry("word_count", 11).containsEntry("source", "ingest:doc-123");
            });
        }
    }

    @Test
    void anEmptyTextCountsAsNoWordsAndTheRunCompletesWithoutAFailureEvent() throws Exception {
        try (WorkflowTestKit kit = WorkflowTestKit.forWorkflow(Path.of("../workflows/document_ingestion.yaml"))
                .contracts(Path.of("../contracts")).build()) {
            WorkflowResult r = kit.run(Map.of("document_id", "doc-0", "text", " "));

            // text_statistics_compute counts an empty text as zero words: the run completes
            assertThat(r.status()).isEqualTo(WorkflowResult.Status.COMPLETED);
            assertThat(kit.publishedTo("enrichment.failed.v1")).isEmpty();
        }
    }
}
