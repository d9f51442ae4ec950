package io.onex.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TraceHeadersTest {

    private static final SpanContext SPAN = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
            TraceFlags.getSampled(), TraceState.getDefault());

    @Test
    void injectReplacesTraceHeadersAlreadyThereSoARecordCarriesOne() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-11111111111111111111111111111111-2222222222222222-01".getBytes(StandardCharsets.UTF_8));
        headers.add("traceparent", "00-33333333333333333333333333333333-4444444444444444-01".getBytes(StandardCharsets.UTF_8));
        headers.add("tracestate", "vendor=stale".getBytes(StandardCharsets.UTF_8));

        TraceHeaders.inject(Context.root().with(Span.wrap(SPAN)), headers);

        assertThat(headers.headers("traceparent")).hasSize(1);
        assertThat(new String(headers.lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(headers.headers("tracestate")).isEmpty();
    }

    @Test
    void injectWithoutASpanLeavesTheHeadersAsTheyAre() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-11111111111111111111111111111111-2222222222222222-01".getBytes(StandardCharsets.UTF_8));

        TraceHeaders.inject(Context.root(), headers);

        assertThat(headers.headers("traceparent")).hasSize(1);
    }

    @Test
    void extractReadsTheContextAndIgnoresAMalformedOne() {
        RecordHeaders good = new RecordHeaders();
        good.add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.UTF_8));
        RecordHeaders bad = new RecordHeaders();
        bad.add("traceparent", "not-a-trace\u0000".getBytes(StandardCharsets.UTF_8));

        assertThat(Span.fromContext(TraceHeaders.extract(good)).getSpanContext().getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(Span.fromContext(TraceHeaders.extract(bad)).getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(TraceHeaders.extract(new RecordHeaders())).getSpanContext().isValid()).isFalse();
    }
}
