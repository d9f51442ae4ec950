package io.onex.runtime.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads and writes the W3C trace context ({@code traceparent}, {@code tracestate}) in Kafka record headers, with
 * OpenTelemetry's own propagator. Writing replaces what is there: a record carries at most one {@code traceparent}
 * (Spring Kafka once wrote a second one next to the first, and readers took either).
 */
public final class TraceHeaders {

    /** The W3C header names. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            for (Header h : carrier) {
                keys.add(h.key());
            }
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            if (carrier == null) {
                return null;
            }
            Header h = carrier.lastHeader(key);
            return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapSetter<Headers> SETTER = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.remove(key);
            carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    };

    private TraceHeaders() {
    }

    /**
     * The trace context a record carries, on top of {@link Context#root()}; the root context when it carries none
     * (or a malformed one).
     */
    public static Context extract(Headers headers) {
        return PROPAGATOR.extract(Context.root(), headers, GETTER);
    }

    /**
     * Writes a context into a record's headers, replacing any trace headers there. A context without a valid span
     * (nothing is being traced) leaves the headers as they are, so a trace context the event brought along stays.
     *
     * @param context the context to write, usually {@link Context#current()} when the record is sent
     * @param headers the record's headers (writable)
     */
    public static void inject(Context context, Headers headers) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return;
        }
        headers.remove(TRACEPARENT);
        headers.remove(TRACESTATE);
        PROPAGATOR.inject(context, headers, SETTER);
    }
}
