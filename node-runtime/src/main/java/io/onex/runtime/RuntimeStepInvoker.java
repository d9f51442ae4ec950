package io.onex.runtime;

import io.onex.runtime.pipeline.CallOptions;
import io.onex.runtime.workflow.StepCall;
import io.onex.runtime.workflow.StepInvoker;
import java.util.concurrent.CompletionStage;

/**
 * Calls the runtime's nodes for workflow steps through their pipelines, the step's correlation id, retry override
 * and deadline passed as call options. Resolves the node when called, so a node may inject it before the runtime
 * runs; a call before then fails with "runtime ... is starting, not running".
 */
final class RuntimeStepInvoker implements StepInvoker {
    private final OnexRuntime runtime;

    RuntimeStepInvoker(OnexRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public CompletionStage<Object> invoke(String node, Object input, StepCall call) {
        return runtime.call(node, input, CallOptions.builder()
                .correlationId(call.correlationId())
                .retryOverride(call.retry())
                .deadline(call.deadline())
                .build());
    }
}
