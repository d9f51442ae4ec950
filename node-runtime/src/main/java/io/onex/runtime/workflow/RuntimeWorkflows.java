package io.onex.runtime.workflow;

import io.onex.api.EventSource;
import io.onex.api.contract.NodeContract;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.KafkaEventPublisher;
import io.onex.runtime.kafka.TopicProvisioner;
import io.onex.runtime.pipeline.CallOptions;
import io.onex.runtime.workflow.internal.LiteralFields;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs workflows on a started {@link OnexRuntime}: steps call the runtime's nodes through their pipelines (retry,
 * breaker, timeout, DLQ as contracted; a step's retry and timeout passed as call options), and workflow events go to
 * the orchestrator topics through a publisher of their own whose envelopes name the engine as
 * {@code source.node_type = orchestrator}.
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
    private final Producer<byte[], byte[]> producer;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService stepExecutor;
    private final WorkflowEngine engine;

    private RuntimeWorkflows(OnexRuntime runtime) {
        this.runtime = runtime;
        RuntimeConfig config = runtime.config();
        String engineId = "workflow-engine-" + UUID.randomUUID().toString().substring(0, 8);
        this.producer = new KafkaProducer<>(KafkaClientProperties.producer(config.kafkaClientProperties(),
                engineId + "-producer", config.compressionType()));
        KafkaEventPublisher publisher = new KafkaEventPublisher(producer, new EnvelopeCodec(),
                new EventSource(config.serviceName(), "orchestrator", engineId),
                Map.of("environment", config.env()), config::resolveTopic, runtime.clock());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "onex-workflow-timers");
            t.setDaemon(true);
            return t;
        });
        // compute nodes run on the calling thread: a pool lets independent blocking steps overlap
        this.stepExecutor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "onex-workflow-step");
            t.setDaemon(true);
            return t;
        });
        this.engine = WorkflowEngine.builder().invoker(stepInvoker(runtime)).publisher(publisher)
                .mapper(EnvelopeCodec.defaultMapper()).scheduler(scheduler).stepExecutor(stepExecutor)
                .clock(runtime.clock()).build();
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

    /** Calls the runtime's nodes through their pipelines. */
    public static StepInvoker stepInvoker(OnexRuntime runtime) {
        return (node, input, call) -> runtime.call(node, input, CallOptions.builder()
                .correlationId(call.correlationId())
                .retryOverride(call.retry())
                .deadline(call.deadline())
                .build());
    }

    /** The engine. */
    public WorkflowEngine engine() {
        return engine;
    }

    /**
     * Creates the orchestrator topics and the fixed topics the workflow's steps publish to (a literal {@code topic}
     * in a step's input), unless topic creation is switched off, and waits until they have leaders: a first send to
     * a topic the broker auto-creates can stall on a partition without a leader (KAFKA-NOTES.md).
     */
    public void prepare(WorkflowDefinition workflow) {
        RuntimeConfig config = runtime.config();
        if (config.createTopics().isPresent() && !config.createTopics().get()) {
            return;
        }
        Set<String> topics = new LinkedHashSet<>();
        for (String t : BridgeTopics.ORCHESTRATOR_EVENTS) {
            topics.add(config.resolveTopic(t));
        }
        for (WorkflowStep step : workflow.nodeSteps()) {
            NodeContract contract = runtime.contracts().stream().filter(c -> c.name().equals(step.node())).findFirst()
                    .orElse(null);
            if (contract == null || step.input() == null) {
                continue;
            }
            LiteralFields.string(step.input(), "topic").ifPresent(topic -> {
                // the Kafka effect node prefixes its topics with its configured topic_prefix
                Object prefix = contract.config().get("topic_prefix");
                String p = prefix == null ? "" : prefix.toString().trim();
                topics.add(config.resolveTopic(p.isEmpty() ? topic : p + "." + topic));
            });
        }
        try (Admin admin = Admin.create(KafkaClientProperties.admin(config.kafkaClientProperties()))) {
            new TopicProvisioner(admin, config.topicPartitions(), config.replicationFactor(), config.compressionType())
                    .ensureTopics(topics, Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.warn("could not create the topics of workflow {} ({}); relying on the broker to create them",
                    workflow.name(), e.toString());
        }
    }

    /** Flushes and closes the events producer and the timer thread; the runtime stays open. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        stepExecutor.shutdownNow();
        producer.close(Duration.ofSeconds(10));
    }
}
