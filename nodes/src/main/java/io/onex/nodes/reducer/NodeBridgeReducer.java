package io.onex.nodes.reducer;

import com.google.inject.name.Named;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeContext;
import io.onex.api.ReducerNode;
import io.onex.api.contract.ConsumerSpec;
import io.onex.api.contract.NodeContract;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.inject.KafkaModule;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge reducer: consumes {@code metadata-stamp-created}, {@code stamp-workflow-completed} and
 * {@code stamp-workflow-failed}, aggregates them per namespace in tumbling windows closed by count or by time, and
 * publishes each window's state (aggregation-started/-completed/-failed, batch-processed, state-persisted, and the
 * window FSM's fsm-state-initialized/-transitioned).
 *
 * <p>A call completes only when the window holding its event has been published, so the consumer commits a record
 * only after its window's state is on Kafka: a crash replays the open windows. Redelivered events (same event id)
 * are counted once: within an instance by the ids of its windows, and across a crash by the ids each
 * aggregation-completed names, read back at start ({@link KafkaCountedEvents}). Rules and events:
 * docs/nodes/bridge-reducer.md.
 *
 * <pre>{@code
 * NodeBridgeReducer reducer = runtime.node("bridge_reducer", NodeBridgeReducer.class);
 * reducer.totals().get("docs").totalStamps();         // published windows' totals since this instance started
 * reducer.addListener(window -> print(window));        // told of every window published
 * }</pre>
 *
 * <p>A record that is not one of the three events, or whose payload lacks what the reducer needs, fails with
 * {@link InvalidInputException} (not retried; dead-lettered).
 */
public final class NodeBridgeReducer implements ReducerNode<EventEnvelope, WindowAggregate> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeBridgeReducer.class);

    private final String nodeId;
    private static final Duration SEND_DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private final ReducerConfig config;
    private final WindowAggregator aggregator;
    private final ExecutorService ownedSendExecutor;

    /** How long a starting reducer may take to read back what its group's windows counted. */
    private static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(30);

    private final CountedEvents counted;

    /**
     * @param contract the node's contract: windows from {@code config:}
     * @param nodeId this reducer instance
     * @param publisher where the reducer's events go (the node's own publisher, not a call's)
     * @param clock when windows open and close
     * @param scheduler closes windows by time
     * @param runtimeConfig the cluster and the topic names, to read back the group's published windows at start
     * @param clients makes the consumer of that read
     * @param codec decodes what it reads
     * @throws IllegalArgumentException when the contract's settings are invalid (every problem named)
     */
    @Inject
    public NodeBridgeReducer(NodeContract contract, @Named("nodeId") String nodeId, EventPublisher publisher,
            Clock clock, ScheduledExecutorService scheduler, RuntimeConfig runtimeConfig,
            KafkaModule.ClientFactory clients, EnvelopeCodec codec) {
        this(contract, nodeId, publisher, clock, scheduler, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "onex-reducer-send-" + nodeId);
            t.setDaemon(true);
            return t;
        }), aggregator -> new KafkaCountedEvents(() -> clients.consumer(readBackProperties(runtimeConfig, nodeId)),
                runtimeConfig.resolveTopic(BridgeTopics.AGGREGATION_COMPLETED),
                contract.consumer().map(ConsumerSpec::maxInFlight).orElse(1000), codec,
                (namespace, bridgeId) -> aggregator.bridgeId(namespace).equals(bridgeId), READ_BACK_TIMEOUT));
    }

    /** With the executor the reducer's sends run on (tests pass a direct one); an {@link ExecutorService} is owned. */
    NodeBridgeReducer(NodeContract contract, String nodeId, EventPublisher publisher, Clock clock,
            ScheduledExecutorService scheduler, Executor sendExecutor) {
        this(contract, nodeId, publisher, clock, scheduler, sendExecutor, aggregator -> CountedEvents.NONE);
    }

    /** With the executor, and where it learns at start what its group's windows counted before. */
    NodeBridgeReducer(NodeContract contract, String nodeId, EventPublisher publisher, Clock clock,
            ScheduledExecutorService scheduler, Executor sendExecutor,
            Function<WindowAggregator, CountedEvents> counted) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.config = ReducerConfig.from(contract);
        this.ownedSendExecutor = sendExecutor instanceof ExecutorService es ? es : null;
        Executor orInline = task -> {
            try {
                sendExecutor.execute(task);
            } catch (RejectedExecutionException stopped) {
                task.run(); // after stop(): the last completions still reach their callers
            }
        };
        String stateGroup = contract.consumer().map(ConsumerSpec::groupId).orElse(contract.name());
        this.aggregator = new WindowAggregator(nodeId, stateGroup, config, clock, scheduler,
                new WindowEvents(publisher, sendExecutor), orInline);
        this.counted = counted.apply(aggregator);
    }

    private static Map<String, Object> readBackProperties(RuntimeConfig rc, String nodeId) {
        Map<String, Object> p = new LinkedHashMap<>(rc.kafkaClientProperties());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, nodeId + "-read-back");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    @Override
    public Class<EventEnvelope> inputType() {
        return EventEnvelope.class;
    }

    /** Reads back what the group's windows counted before (the consumer starts after every node's start). */
    @Override
    public void start(NodeContext context) {
        aggregator.rememberCounted(counted.read());
        LOG.info("reducer {} started: windows of {} events or {} ms per namespace", nodeId, config.windowSize(),
                config.windowTime().toMillis());
    }

    /**
     * Folds one event into its namespace's window.
     *
     * @return completes with the window once it is published (at once with null for a workflow event of a type not
     *     in {@code config.workflow_types}); fails with {@link WindowNotPublishedException} when it
     *     could not be (the pipeline retries the event into a new window), or with {@link InvalidInputException}
     */
    @Override
    public CompletionStage<WindowAggregate> reduce(EventEnvelope event, NodeContext context) {
        ReducerIntent intent;
        try {
            String topic = context == null ? null : context.triggerTopic().orElse(null);
            intent = ReducerIntent.from(topic, Objects.requireNonNull(event, "event"));
        } catch (InvalidInputException e) {
            return CompletableFuture.failedFuture(e);
        }
        // the Python orchestrator's workflow events name no workflow_type: it runs stamping workflows only
        if (intent.kind() != ReducerIntent.Kind.STAMP_CREATED && intent.workflowType() != null
                && !config.countsWorkflowType(intent.workflowType())) {
            return CompletableFuture.completedFuture(null); // another workflow's outcome: not aggregated, done
        }
        return aggregator.fold(intent);
    }

    /** Discards the open windows (their records were not committed: they come again after a restart). */
    @Override
    public void stop() throws InterruptedException {
        aggregator.stop();
        if (ownedSendExecutor != null) {
            // let the sends already handed over reach the producer before the runtime flushes and closes it
            ownedSendExecutor.shutdown();
            if (!ownedSendExecutor.awaitTermination(SEND_DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("reducer {}: sends still queued after {} ms were dropped", nodeId, SEND_DRAIN_TIMEOUT.toMillis());
                ownedSendExecutor.shutdownNow();
            }
        }
    }

    /** The settings in force. */
    public ReducerConfig config() {
        return config;
    }

    /**
     * The totals of the windows published since this instance started, per namespace (sorted). Open windows are not
     * in it yet.
     */
    public Map<String, NamespaceTotals> totals() {
        return aggregator.totals();
    }

    /** Events folded into windows still open, per namespace. */
    public Map<String, Integer> openWindowItems() {
        return aggregator.openWindowItems();
    }

    /**
     * Tells {@code listener} of every window published, on the reducer's own send thread (do not block it).
     *
     * @return closing it removes the listener
     */
    public AutoCloseable addListener(Consumer<WindowAggregate> listener) {
        return aggregator.addListener(Objects.requireNonNull(listener, "listener"));
    }
}
