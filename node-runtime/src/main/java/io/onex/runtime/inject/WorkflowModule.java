package io.onex.runtime.inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import io.onex.api.EventPublisher;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.workflow.StepInvoker;
import io.onex.runtime.workflow.WorkflowEngine;
import io.onex.runtime.workflow.WorkflowEventTopics;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Lets a node run workflows, and wires the workflow engine once for everyone who runs one ({@code onex run}, the
 * orchestrator, {@link io.onex.runtime.testing.WorkflowTestKit}): binds the {@link StepInvoker} that calls the
 * runtime's nodes through their pipelines, where workflow events go ({@link #BRIDGE_EVENT_TOPICS}), and provides a
 * fresh {@link WorkflowEngine.Builder} per injection, set with that invoker, the runtime's mapper, scheduler and
 * clock, and the {@code @Named(EVENTS)} publisher ({@link KafkaModule} binds one on the runtime's producer whose
 * envelopes name the engine as {@code source.node_type = orchestrator}).
 *
 * <p>Nodes are built before the runtime has started, so the invoker resolves the called node when a call is made, not
 * when it is injected; a call before the runtime is running fails with "runtime ... is starting, not running".
 */
public final class WorkflowModule extends AbstractModule {

    /** Names the engine's own publisher ({@code @Named(WorkflowModule.EVENTS) EventPublisher}). */
    public static final String EVENTS = "workflow-events";

    /** Where the bridge's workflow events go (WIRE.md): the engine's topics unless a workflow file names its own. */
    public static final WorkflowEventTopics BRIDGE_EVENT_TOPICS = new WorkflowEventTopics(
            BridgeTopics.STAMP_WORKFLOW_STARTED, BridgeTopics.WORKFLOW_STEP_COMPLETED,
            BridgeTopics.WORKFLOW_STATE_TRANSITION, BridgeTopics.STAMP_WORKFLOW_COMPLETED,
            BridgeTopics.STAMP_WORKFLOW_FAILED);

    /** Names the engine's instance id ({@code @Named(WorkflowModule.ENGINE_ID) String}). */
    public static final String ENGINE_ID = "workflowEngineId";

    private final StepInvoker invoker;
    private final String engineId;

    /**
     * @param invoker calls the runtime's nodes
     * @param engineId the engine's instance id in its events' {@code source}
     */
    public WorkflowModule(StepInvoker invoker, String engineId) {
        this.invoker = invoker;
        this.engineId = engineId;
    }

    @Override
    protected void configure() {
        bind(StepInvoker.class).toInstance(invoker);
        bind(WorkflowEventTopics.class).toInstance(BRIDGE_EVENT_TOPICS);
        bind(String.class).annotatedWith(Names.named(ENGINE_ID)).toInstance(engineId);
    }

    @Provides
    WorkflowEngine.Builder workflowEngine(StepInvoker invoker, ObjectMapper mapper, ScheduledExecutorService scheduler,
            Clock clock, WorkflowEventTopics topics, @Named(EVENTS) EventPublisher events) {
        return WorkflowEngine.builder().invoker(invoker).mapper(mapper).scheduler(scheduler).clock(clock)
                .eventTopics(topics).publisher(events);
    }
}
