package io.onex.runtime.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The runtime's spans: one per node call ({@code onex.node <name>}) and one per workflow step
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
