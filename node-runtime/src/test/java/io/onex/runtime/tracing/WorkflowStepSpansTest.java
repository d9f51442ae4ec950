package io.onex.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.testing.StepStub;
import io.onex.runtime.testing.WorkflowTestKit;
import io.onex.runtime.workflow.WorkflowResult;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each workflow step is a span, and the node call it makes is that span's child. */
class WorkflowStepSpansTest {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();

    @BeforeEach
    void installSdk() {
        GlobalOpenTelemetry.resetForTest();
        OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .buildAndRegisterGlobal();
    }

    @AfterEach
    void removeSdk() {
        GlobalOpenTelemetry.resetForTest();
    }

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
        SpanData step = named("onex.step extraction_result");
        SpanData call = named("onex.node text_statistics_compute");
        assertThat(call.getParentSpanId()).isEqualTo(step.getSpanId());
        assertThat(call.getTraceId()).isEqualTo(step.getTraceId());
        assertThat(named("onex.step publish_completion_event").getAttributes().asMap().values())
                .contains("kafka_event_effect");
    }

    private SpanData named(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in "
                        + spans.getFinishedSpanItems().stream().map(SpanData::getName).toList()));
    }
}
