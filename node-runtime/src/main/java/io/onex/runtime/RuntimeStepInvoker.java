package io.onex.runtime;

import io.onex.runtime.pipeline.CallOptions;
import io.onex.runtime.tracing.RuntimeTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.onex.runtime.workflow.StepCall;
import io.onex.runtime.workflow.StepInvoker;
import java.util.concurrent.CompletionStage;

/**
 * Calls the runtime's nodes for workflow steps through their pipelines, the step's correlation id, retry override
 * and deadline passed as call options, each step in a span of its own ({@code onex.step <step>}, the node
 * call's parent). Resolves the node when called, so a node may inject it before the runtime runs; a call before then
 * fails with "runtime ... is starting, not running".
 */
final class RuntimeStepInvoker implements StepInvoker {
    private final OnexRuntime runtime;

    RuntimeStepInvoker(OnexRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public CompletionStage<Object> invoke(String node, Object input, StepCall call) {
        Span span = RuntimeTracing.startStep(call.workflowId(), call.step(), node);
        CompletionStage<Object> result;
        try (Scope ignored = span.makeCurrent()) {
            result = runtime.call(node, input, CallOptions.builder()
                    .correlationId(call.correlationId())
                    .retryOverride(call.retry())
                    .deadline(call.deadline())
                    .build());
        } catch (RuntimeException e) {
            RuntimeTracing.endFailed(span, e.getClass().getSimpleName());
            throw e;
        }
        return result.whenComplete((value, error) -> {
            if (error == null) {
                span.end();
            } else {
                RuntimeTracing.endFailed(span, error.getClass().getSimpleName());
            }
        });
    }
}
