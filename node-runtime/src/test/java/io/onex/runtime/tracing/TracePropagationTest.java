package io.onex.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.testing.DeadLetterRecord;
import io.onex.runtime.testing.NodeTestKit;
import io.onex.runtime.testing.PublishedRecord;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The W3C trace context across consume → node call → publish and → dead letter, through the runtime's own wiring
 * (NodeTestKit), with an OpenTelemetry SDK installed and without one.
 */
class TracePropagationTest {

    private static final Path ECHO = Path.of("src/test/resources/it-contracts/uppercase_echo.yaml");
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN = "00f067aa0ba902b7";
    private static final String INCOMING = "00-" + TRACE_ID + "-" + PARENT_SPAN + "-01";

    @RegisterExtension
    final InMemoryTracing tracing = InMemoryTracing.notInstalled();

    private void installSdk() {
        tracing.install();
    }

    private static EventEnvelope input(Map<String, Object> payload) {
        return EventEnvelope.create("IT_INPUT", "corr-1", null, java.time.Instant.parse("2026-01-01T00:00:00Z"),
                new EventSource("test", "effect", "test-1"), Map.of(),
                payload);
    }

    private static Headers withTraceparent(String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(TraceHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static List<String> traceparents(Headers headers) {
        List<String> values = new ArrayList<>();
        for (Header h : headers.headers(TraceHeaders.TRACEPARENT)) {
            values.add(new String(h.value(), StandardCharsets.UTF_8));
        }
        return values;
    }

    private SpanData nodeCallSpan() {
        return tracing.span("onex.node uppercase_echo");
    }

    @Test
    void aPublishedEventCarriesOneTraceparentWhoseParentIsTheNodeCallOfTheConsumedRecord() throws Exception {
        installSdk();
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).build()) {
            RecordOutcome outcome = kit.deliver("onex.evt.it-input.v1", input(Map.of("text", "hi")),
                    withTraceparent(INCOMING)).join();

            assertThat(outcome).isEqualTo(RecordOutcome.PROCESSED);
            SpanData call = nodeCallSpan();
            assertThat(call.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(call.getParentSpanId()).isEqualTo(PARENT_SPAN);
            PublishedRecord echoed = kit.publishedTo("onex.evt.it-echoed.v1").get(0);
            assertThat(traceparents(echoed.headers()))
                    .containsExactly("00-" + TRACE_ID + "-" + call.getSpanId() + "-01");
        }
    }

    @Test
    void withoutAnSdkTheConsumedTraceContextPassesThroughUnchanged() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).build()) {
            kit.deliver("onex.evt.it-input.v1", input(Map.of("text", "hi")), withTraceparent(INCOMING)).join();

            PublishedRecord echoed = kit.publishedTo("onex.evt.it-echoed.v1").get(0);
            assertThat(traceparents(echoed.headers())).containsExactly(INCOMING);
        }
    }

    @Test
    void aRecordWithoutTraceContextStartsATraceWhenAnSdkIsInstalledAndCarriesNoneOtherwise() throws Exception {
        installSdk();
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).build()) {
            kit.deliver("onex.evt.it-input.v1", input(Map.of("text", "hi"))).join();

            SpanData call = nodeCallSpan();
            assertThat(call.getParentSpanContext().isValid()).isFalse();
            assertThat(traceparents(kit.publishedTo("onex.evt.it-echoed.v1").get(0).headers()))
                    .containsExactly("00-" + call.getTraceId() + "-" + call.getSpanId() + "-"
                            + call.getSpanContext().getTraceFlags().asHex());
        }
        tracing.uninstall();
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).build()) {
            kit.deliver("onex.evt.it-input.v1", input(Map.of("text", "hi"))).join();

            assertThat(traceparents(kit.publishedTo("onex.evt.it-echoed.v1").get(0).headers())).isEmpty();
        }
    }

    @Test
    void aDeadLetterCarriesTheTraceContextOfTheCallThatFailed() throws Exception {
        installSdk();
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).build()) {
            var done = kit.deliver("onex.evt.it-input.v1", input(Map.of("text", "hi", "fail", true)),
                    withTraceparent(INCOMING));
            kit.advance(Duration.ofSeconds(5));

            assertThat(done.join()).isEqualTo(RecordOutcome.DEAD_LETTERED);
            SpanData call = nodeCallSpan();
            DeadLetterRecord letter = kit.deadLetters().get(0);
            assertThat(traceparents(letter.headers()))
                    .containsExactly("00-" + TRACE_ID + "-" + call.getSpanId() + "-01");
            assertThat(call.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
            assertThat(call.getStatus().getDescription()).isEqualTo("IOException: downstream unavailable");
        }
    }
}
