package io.onex.runtime.it;

import io.onex.api.EffectNode;
import io.onex.api.NodeContext;
import io.onex.runtime.workflow.StepCall;
import io.onex.runtime.workflow.StepInvoker;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/** Calls {@code doubling_compute} through the {@link StepInvoker} the runtime binds; tries once while starting. */
public final class RelayEffect implements EffectNode<Map<String, Object>, Object> {

    /** What a call made from {@link #start} gave: the runtime is not running yet then. */
    static final AtomicReference<Throwable> CALL_DURING_START = new AtomicReference<>();

    private final StepInvoker invoker;

    @Inject
    public RelayEffect(StepInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Map<String, Object>> inputType() {
        return (Class) Map.class;
    }

    @Override
    public void start(NodeContext context) {
        try {
            invoker.invoke("doubling_compute", Map.of("n", 1), new StepCall("wf", "corr", "early", null, null));
        } catch (RuntimeException e) {
            CALL_DURING_START.set(e);
        }
    }

    @Override
    public CompletionStage<Object> executeEffect(Map<String, Object> input, NodeContext context) {
        return invoker.invoke("doubling_compute", input,
                new StepCall("wf-1", context.correlationId(), "double", null, null));
    }
}
