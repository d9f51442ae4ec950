package io.onex.runtime.inject;

import com.google.inject.AbstractModule;
import io.onex.runtime.workflow.StepInvoker;

/**
 * Lets a node run workflows: binds the {@link StepInvoker} that calls the runtime's nodes through their pipelines.
 * Nodes are built before the runtime has started, so the invoker resolves the called node when a call is made, not
 * when it is injected; a call before the runtime is running fails with "runtime ... is starting, not running".
 */
public final class WorkflowModule extends AbstractModule {
    private final StepInvoker invoker;

    public WorkflowModule(StepInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    protected void configure() {
        bind(StepInvoker.class).toInstance(invoker);
    }
}
