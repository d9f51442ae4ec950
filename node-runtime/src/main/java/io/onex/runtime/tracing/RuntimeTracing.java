package io.onex.runtime.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;

/**
 * The runtime's spans: one per node call ({@code onex.node <name>}; one per batch for a batch node, linked to its
 * records' traces) and one per workflow step
 * ({@code onex.step <step>}), children of the current context. The tracer is
 * {@code GlobalOpenTelemetry}'s, looked up again when the global instance changes (an SDK installed after the
 * runtime was built, or a test resetting it).
 */
public final class RuntimeTracing {

    /** The instrumentation scope name the runtime's spans carry. */
    public static final String SCOPE = "io.onex.runtime";

    private record Current(OpenTelemetry openTelemetry, Tracer tracer) {
    }

    private static volatile Current current;

    private RuntimeTracing() {
    }

    /** The tracer of the global OpenTelemetry instance (a no-op one unless an SDK is installed). */
    public static Tracer tracer() {
        OpenTelemetry global = GlobalOpenTelemetry.get();
        Current c = current;
        if (c == null || c.openTelemetry() != global) {
            c = new Current(global, global.getTracer(SCOPE));
            current = c;
        }
        return c.tracer();
    }

    /**
     * Starts the span of one node call, child of the current context.
     *
     * @param node the node's contract name
     * @param nodeId the node instance id
     * @param correlationId the call's correlation id
     */
    public static Span startNodeCall(String node, String nodeId, String correlationId) {
        return tracer().spanBuilder("onex.node " + node)
                .setParent(Context.current())
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute("onex.node.name", node)
                .setAttribute("onex.node.id", nodeId)
                .setAttribute("onex.correlation_id", correlationId)
                .startSpan();
    }

    /**
     * Starts the span of one batch call ({@code onex.node <name>}, attribute {@code onex.batch.size}), child of the
     * current context, with a link to the trace context of each record of the batch: a batch has many parents, and
     * each record's trace leads to the call that handled it.
     *
     * @param node the node's contract name
     * @param nodeId the node instance id
     * @param batchId the batch call's own correlation id
     * @param records the trace contexts of the batch's records (those without a valid span are left out)
     */
    public static Span startBatchCall(String node, String nodeId, String batchId, List<Context> records) {
        SpanBuilder builder = tracer().spanBuilder("onex.node " + node)
                .setParent(Context.current())
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute("onex.node.name", node)
                .setAttribute("onex.node.id", nodeId)
                .setAttribute("onex.correlation_id", batchId)
                .setAttribute("onex.batch.size", (long) records.size());
        for (Context record : records) {
            SpanContext linked = Span.fromContext(record).getSpanContext();
            if (linked.isValid()) {
                builder.addLink(linked);
            }
        }
        return builder.startSpan();
    }

    /**
     * Starts the span of one workflow step, child of the current context.
     *
     * @param workflowId the run's workflow id
     * @param step the step's name
     * @param node the node the step calls
     */
    public static Span startStep(String workflowId, String step, String node) {
        return tracer().spanBuilder("onex.step " + step)
                .setParent(Context.current())
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute("onex.workflow.id", workflowId)
                .setAttribute("onex.workflow.step", step)
                .setAttribute("onex.node.name", node)
                .startSpan();
    }

    /**
     * Ends a span as failed.
     *
     * @param reason the failure as a caller may see it: exception class and redacted message, never a payload
     */
    public static void endFailed(Span span, String reason) {
        span.setStatus(StatusCode.ERROR, reason);
        span.end();
    }
}
