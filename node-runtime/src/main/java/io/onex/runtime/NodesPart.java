package io.onex.runtime;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import io.onex.api.EventSource;
import io.onex.api.OnexNode;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.inject.KafkaModule;
import io.onex.runtime.inject.NodeModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.KafkaEventPublisher;
import io.onex.runtime.kafka.KafkaFlowMetrics;
import io.onex.runtime.kafka.ProducerTuning;
import io.onex.runtime.pipeline.NodeInvoker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes: each wired in a child injector with its own publisher and pipeline, then started all at once.
 * Wiring problems of every node are reported together. Closing stops the started nodes in reverse order, then closes
 * the producers of nodes that have their own.
 */
final class NodesPart implements RuntimePart {
    private static final Logger log = LoggerFactory.getLogger(NodesPart.class);
    private static final Duration PRODUCER_CLOSE = Duration.ofSeconds(10);
    private static final int MAX_PARALLEL_STARTS = 8;
    private final List<NodeContract> contracts;
    private final Map<String, Class<? extends OnexNode<?, ?>>> nodeClasses;
    private final EmbeddedBrokerPart broker;
    private final SharedServicesPart shared;
    private final EnvelopeCodec codec;
    private final Clock clock;
    private final Map<String, RunningNode> nodes = new LinkedHashMap<>();
    private final List<RunningNode> started = new ArrayList<>();
    /** Producers of nodes whose contracts give producer settings; closed after the nodes stop. */
    private final List<Producer<byte[], byte[]>> ownProducers = new ArrayList<>();

    NodesPart(List<NodeContract> contracts, Map<String, Class<? extends OnexNode<?, ?>>> nodeClasses,
            EmbeddedBrokerPart broker, SharedServicesPart shared, EnvelopeCodec codec, Clock clock) {
        this.contracts = contracts;
        this.nodeClasses = nodeClasses;
        this.broker = broker;
        this.shared = shared;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "nodes";
    }

    /** The wired nodes by contract name, in contract order (empty before start). */
    Map<String, RunningNode> nodes() {
        return Collections.unmodifiableMap(nodes);
    }

    @Override
    public void start() {
        wire();
        startNodes();
    }

    /**
     * Runs every node's {@code start} at once, each on a thread of its own (up to {@value #MAX_PARALLEL_STARTS}):
     * nodes are independent of each other, and the slow starts wait on I/O (a database's pool and migrations) or
     * compile (a workflow's expressions), so one start need not queue behind another. Every node whose start ran,
     * failed or not, is stopped by {@link #close()}; when starts fail, each failure is reported, in contract order.
     */
    private void startNodes() {
        List<RunningNode> all = List.copyOf(nodes.values());
        started.addAll(all);
        if (all.isEmpty()) {
            return;
        }
        if (all.size() == 1) {
            startNode(all.get(0));
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(all.size(), MAX_PARALLEL_STARTS), r -> {
            Thread t = new Thread(r, "onex-node-start-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Future<Void>> starts;
        try {
            starts = pool.invokeAll(all.stream().<Callable<Void>>map(n -> () -> {
                startNode(n);
                return null;
            }).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeStartupException("interrupted while the nodes were starting", e);
        } finally {
            pool.shutdownNow();
        }
        List<RuntimeStartupException> failures = new ArrayList<>();
        for (Future<Void> f : starts) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                failures.add((RuntimeStartupException) e.getCause());
            } catch (InterruptedException e) {
                throw new AssertionError("invokeAll returned a start that had not finished", e);
            }
        }
        if (failures.size() == 1) {
            throw failures.get(0);
        }
        if (!failures.isEmpty()) {
            RuntimeStartupException combined = new RuntimeStartupException(
                    failures.stream().map(RuntimeStartupException::getMessage).toList());
            failures.forEach(combined::addSuppressed);
            throw combined;
        }
    }

    private void startNode(RunningNode n) {
        try {
            n.instance.start(new StartupContext(n.nodeId, n.contract, UUID.randomUUID().toString(), n.publisher,
                    clock));
        } catch (Exception e) {
            throw new RuntimeStartupException("node " + n.contract.name() + " (" + n.nodeId + ") failed to start: "
                    + e.getMessage(), e);
        }
    }

    private void wire() {
        RuntimeConfig config = broker.config();
        RuntimeServices services = shared.services();
        List<String> problems = new ArrayList<>();
        KafkaFlowMetrics flow = new KafkaFlowMetrics(shared.injector().getInstance(MeterRegistry.class));
        for (NodeContract c : contracts) {
            String nodeId = c.name().replace('_', '-') + "-"
                    + config.instanceId().orElseGet(() -> UUID.randomUUID().toString().substring(0, 8));
            Producer<byte[], byte[]> producer = producerOf(c, nodeId, config, services);
            KafkaEventPublisher publisher = publisher(producer, c, nodeId, config, services).meteredBy(flow);
            KafkaEventPublisher signals = publisher(services.signals, c, nodeId, config, services).meteredBy(flow);
            OnexNode<?, ?> instance;
            try {
                Injector child = shared.injector().createChildInjector(new NodeModule(c, nodeId, publisher, producer));
                instance = child.getInstance(nodeClasses.get(c.name()));
            } catch (CreationException | ConfigurationException | ProvisionException e) {
                for (Message m : guiceMessages(e)) {
                    problems.add(c.source().map(p -> p + ": ").orElse("") + "implementation "
                            + c.implementation() + ": " + m.getMessage());
                }
                continue;
            }
            NodeInvoker invoker = services.invokerFactory.create(c, instance, nodeId, publisher);
            nodes.put(c.name(), new RunningNode(c, nodeId, instance, publisher, signals, invoker));
        }
        if (!problems.isEmpty()) {
            throw new RuntimeStartupException(problems);
        }
    }

    /**
     * The runtime's event producer, or for a contract that gives producer settings one of the node's own: the
     * runtime's settings with the contract's in their place.
     */
    private Producer<byte[], byte[]> producerOf(NodeContract c, String nodeId, RuntimeConfig config,
            RuntimeServices services) {
        if (c.producer().isEmpty()) {
            return services.producer;
        }
        ProducerTuning tuning = ProducerTuning.events(config).overriddenBy(c.producer());
        Producer<byte[], byte[]> own = shared.injector().getInstance(KafkaModule.ClientFactory.class)
                .producer(KafkaClientProperties.producer(config.kafkaClientProperties(), nodeId, tuning));
        ownProducers.add(own);
        log.info("node {} ({}) publishes through a producer of its own: linger.ms {}, batch.size {}, compression {}",
                c.name(), nodeId, tuning.lingerMs(), tuning.batchSize(), tuning.compression());
        return own;
    }

    private KafkaEventPublisher publisher(Producer<byte[], byte[]> producer, NodeContract c, String nodeId,
            RuntimeConfig config, RuntimeServices services) {
        return new KafkaEventPublisher(producer, codec,
                new EventSource(config.serviceName(), c.nodeType().wireName(), nodeId),
                Map.of("environment", config.env(), "node_version", c.version().toString(),
                        "source_node", c.nodeType().wireName()),
                config::resolveTopic, clock, services.payloadSchemas);
    }

    private static Collection<Message> guiceMessages(RuntimeException e) {
        if (e instanceof CreationException ce) {
            return ce.getErrorMessages();
        }
        if (e instanceof ConfigurationException ce) {
            return ce.getErrorMessages();
        }
        return ((ProvisionException) e).getErrorMessages();
    }

    /** Stops the started nodes (those whose start failed included) in reverse contract order; each failure is logged. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            RunningNode n = started.get(i);
            try {
                n.instance.stop();
            } catch (Exception e) {
                log.warn("closing node {} failed: {}",
                        n.contract.name(), e.toString());
            }
        }
        started.clear();
        for (Producer<byte[], byte[]> p : ownProducers) {
            try {
                p.close(PRODUCER_CLOSE);
            } catch (RuntimeException e) {
                log.warn("closing a node's producer failed: {}", e.toString());
            }
        }
        ownProducers.clear();
    }
}
