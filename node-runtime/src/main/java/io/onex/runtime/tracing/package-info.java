/**
 * W3C trace context on every record and spans for node calls and workflow steps, through
 * {@code io.opentelemetry:opentelemetry-api}.
 *
 * <p>The runtime takes its tracer from {@code GlobalOpenTelemetry}: without an SDK installed it is a no-op, and the
 * trace context of a consumed record still passes through unchanged to what the node publishes (a Python service's
 * {@code traceparent} comes back on the events its request caused). With an SDK installed (the Java agent, or
 * {@code OpenTelemetrySdk...buildAndRegisterGlobal()} before the runtime starts), every node call is a span, child of
 * the consumed record's context, and every record published during the call carries the call's context.
 * {@link io.onex.runtime.tracing.TraceHeaders} writes exactly one {@code traceparent} (and {@code tracestate}) per
 * record, replacing any the event brought along.
 */
package io.onex.runtime.tracing;
