package io.onex.runtime;

import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.kafka.TopicProvisioner;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowEngine;
import io.onex.runtime.workflow.WorkflowStep;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs workflows on a started {@link OnexRuntime} with the engine the runtime wires ({@link OnexRuntime#workflowEngine()}):
 * steps call the runtime's nodes through their pipelines (retry, breaker, timeout, DLQ as contracted; a step's retry
 * and timeout passed as call options), on a thread pool of its own so that independent blocking steps overlap, and
 * workflow events go through the runtime's producer to the bridge's workflow topics, or those the workflow names.
 *
 * <pre>{@code
 * try (RuntimeWorkflows workflows = RuntimeWorkflows.open(runtime)) {
 *     workflows.prepare(definition);
 *     WorkflowResult r = workflows.engine().start(definition, input).result().toCompletableFuture().join();
 * }
 * }</pre>
 */
public final class RuntimeWorkflows implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeWorkflows.class);

    private final OnexRuntime runtime;
    private final ExecutorService stepExecutor;
    private final WorkflowEngine engine;

    private RuntimeWorkflows(OnexRuntime runtime) {
        this.runtime = runtime;
        // compute nodes run on the calling thread: a pool lets independent blocking steps overlap
        this.stepExecutor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "onex-workflow-step");
            t.setDaemon(true);
            return t;
        });
        this.engine = runtime.workflowEngine().stepExecutor(stepExecutor).build();
    }

    /**
     * Opens the engine on a runtime that has been started.
     *
     * @param runtime the started runtime
     * @return the workflows of that runtime; close it before the runtime
     */
    public static RuntimeWorkflows open(OnexRuntime runtime) {
        return new RuntimeWorkflows(runtime);
    }

    /** The engine. */
    public WorkflowEngine engine() {
        return engine;
    }

    /**
     * Creates the workflow's event topics, the bridge's orchestrator topics and the fixed topics the workflow's steps
     * publish to (a literal {@code topic} in a step's input, as written), unless topic creation is switched off, and
     * waits until they have leaders: a first send to a topic the broker auto-creates can stall on a partition without
     * a leader (KAFKA-NOTES.md).
     */
    public void prepare(WorkflowDefinition workflow) {
        RuntimeConfig config = runtime.config();
        if (config.createTopics().isPresent() && !config.createTopics().get()) {
            return;
        }
        Set<String> topics = new LinkedHashSet<>();
        for (String t : engine.eventTopicsOf(workflow).all()) {
            topics.add(config.resolveTopic(t));
        }
        for (String t : BridgeTopics.ORCHESTRATOR_EVENTS) {
            topics.add(config.resolveTopic(t));
        }
        for (WorkflowStep step : workflow.nodeSteps()) {
            step.literalInput("topic").ifPresent(topic -> topics.add(config.resolveTopic(topic)));
        }
        try {
            new TopicProvisioner(runtime.admin(), config.topicPartitions(), config.replicationFactor(),
                    config.compressionType()).ensureTopics(topics, Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.warn("could not create the topics of workflow {} ({}); relying on the broker to create them",
                    workflow.name(), e.toString());
        }
    }

    /** Stops the step threads; the runtime, its producer and scheduler stay open. */
    @Override
    public void close() {
        stepExecutor.shutdownNow();
    }
}
