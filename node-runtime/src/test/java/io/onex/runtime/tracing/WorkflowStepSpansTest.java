package io.onex.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.testing.StepStub;
import io.onex.runtime.testing.WorkflowTestKit;
import io.onex.runtime.workflow.WorkflowResult;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each workflow step is a span, and the node call it makes is that span's child. */
class WorkflowStepSpansTest {

    @RegisterExtension
    final InMemoryTracing tracing = InMemoryTracing.installed();

    @Test
    void eachStepIsASpanWhoseChildIsTheNodeCall() throws Exception {
        StepStub counting = in -> Map.of("document_id", in.get("document_id"), "word_count", 2, "sentence_count", 1,
                "entities", List.of("Alice"), "relationships", List.of());
        StepStub sent = in -> Map.of("success", true, "topic", in.get("topic"));
        try (WorkflowTestKit kit = WorkflowTestKit.forWorkflow(Path.of("../workflows/document_ingestion.yaml"))
                .contracts(Path.of("../contracts"))
                .stub("text_statistics_compute", counting).stub("kafka_event_effect", sent).build()) {
            WorkflowResult result = kit.run(Map.of("document_id", "d-1", "text", "Alice wrote."));

            assertThat(result.status()).isEqualTo(WorkflowResult.Status.COMPLETED);
        }
        SpanData step = tracing.span("onex.step extraction_result");
        SpanData call = tracing.span("onex.node text_statistics_compute");
        assertThat(call.getParentSpanId()).isEqualTo(step.getSpanId());
        assertThat(call.getTraceId()).isEqualTo(step.getTraceId());
        assertThat(tracing.span("onex.step publish_completion_event").getAttributes().asMap().values())
                .contains("kafka_event_effect");
    }

}
