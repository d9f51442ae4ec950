package io.onex.runtime;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onex.api.EventSource;
import io.onex.api.OnexNode;
import io.onex.api.contract.NodeContract;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.TopicName;
import io.onex.runtime.config.ConfigException;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.contract.ContractValidationException;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.health.HealthReport;
import io.onex.runtime.http.RuntimeHttpServer;
import io.onex.runtime.inject.CoreModule;
import io.onex.runtime.inject.KafkaModule;
import io.onex.runtime.inject.NodeModule;
import io.onex.runtime.inject.ResilienceModule;
import io.onex.runtime.inject.WorkflowModule;
import io.onex.runtime.kafka.KafkaEventPublisher;
import io.onex.runtime.kafka.RecordHandler;
import io.onex.runtime.kafka.TopicProvisioner;
import io.onex.runtime.kafka.embedded.EmbeddedKafkaBroker;
import io.onex.runtime.pipeline.CallOptions;
import io.onex.runtime.pipeline.NodeInvoker;
import io.onex.runtime.pipeline.internal.CallContext;
import io.onex.runtime.workflow.RuntimeWorkflows;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddable ONEX runtime: loads contracts, wires their nodes with Guice, runs every call through the
 * resilience pipeline, consumes what the contracts subscribe to, and broadcasts introspection and heartbeats.
 *
 * <pre>{@code
 * try (OnexRuntime runtime = OnexRuntime.builder().contracts(Path.of("contracts")).build()) {
 *     runtime.start();
 *     Object out = runtime.call("kafka_event_effect", Map.of("topic", "onex.evt.greeted.v1", ...))
 *             .toCompletableFuture().join();
 * }
 * }</pre>
 *
 * <p>{@link Builder#build()} validates contracts, configuration and node classes and reports every problem together,
 * before anything starts. {@link #start()} starts in dependency order (broker when embedded, topics, producer, nodes,
 * consumers, introspection, HTTP); {@link #close()} stops in reverse, flushing the producer and committing offsets.
 * Both are idempotent.
 */
public final class OnexRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OnexRuntime.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final List<NodeContract> contracts;
    private final Map<String, Class<? extends OnexNode<?, ?>>> nodeClasses;
    private final List<Module> userModules;
    private final Clock clock;
    private final boolean ownsScheduler;
    private final ScheduledExecutorService scheduler;
    private final KafkaModule.ClientFactory clients;
    private final String runtimeId;
    private final int httpPortOverride;
    private final PrometheusMeterRegistry meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final EnvelopeCodec codec = new EnvelopeCodec();

    private RuntimeConfig config;
    private final Map<String, RunningNode> nodes = new LinkedHashMap<>();
    private EmbeddedKafkaBroker embeddedBroker;
    private Injector injector;
    private RuntimeServices services;
    private RuntimeHttpServer httpServer;
    private State state = State.NEW;

    private enum State { NEW, STARTING, RUNNING, CLOSED }

    private OnexRuntime(Builder b, RuntimeConfig config, Map<String, Class<? extends OnexNode<?, ?>>> nodeClasses) {
        this.contracts = List.copyOf(b.contracts);
        this.nodeClasses = nodeClasses;
        this.userModules = List.copyOf(b.modules);
        this.clock = b.clock;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler != null ? b.scheduler : defaultScheduler();
        this.clients = b.clients;
        this.config = config;
        this.runtimeId = UUID.randomUUID().toString().substring(0, 8);
        this.httpPortOverride = b.httpPort;
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts everything. Idempotent: a second call does nothing.
     *
     * @throws RuntimeStartupException if a part cannot start; whatever had started is stopped again
     */
    public synchronized OnexRuntime start() {
        if (state != State.NEW) {
            if (state == State.CLOSED) {
                throw new IllegalStateException("runtime " + runtimeId + " is closed and cannot be restarted");
            }
            return this;
        }
        state = State.STARTING;
        try {
            startEmbeddedBrokerIfNeeded();
            injector = Guice.createInjector(modules());
            services = injector.getInstance(RuntimeServices.class);
            provisionTopicsIfAsked();
            wireNodes();
            startNodes();
            startHttp();
            services.introspection.start(nodes.values(), config, runtimeId, httpEndpoints());
            state = State.RUNNING;
            log.info("ONEX runtime {} started: {} node(s), bootstrap {}", runtimeId, nodes.size(), bootstrapServers());
            return this;
        } catch (RuntimeException e) {
            log.error("ONEX runtime {} failed to start: {}", runtimeId, e.getMessage());
            state = State.RUNNING; // let close() stop what started
            close();
            throw e instanceof RuntimeStartupException ? e : new RuntimeStartupException("start-up failed: " + e.getMessage(), e);
        }
    }

    private List<Module> modules() {
        List<Module> m = new ArrayList<>();
        m.add(new CoreModule(config, clock, scheduler, meterRegistry, codec));
        m.add(new KafkaModule(clients, "onex-" + runtimeId));
        m.add(new ResilienceModule());
        m.add(new WorkflowModule(RuntimeWorkflows.stepInvoker(this)));
        m.addAll(userModules);
        return m;
    }

    private void startEmbeddedBrokerIfNeeded() {
        if (config.bootstrapServers().isPresent()) {
            return;
        }
        try {
            long t0 = System.nanoTime();
            embeddedBroker = EmbeddedKafkaBroker.start();
            log.info("embedded Kafka broker started at {} in {} ms (no KAFKA_BOOTSTRAP_SERVERS set)",
                    embeddedBroker.bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
        } catch (NoClassDefFoundError e) {
            throw new RuntimeStartupException("KAFKA_BOOTSTRAP_SERVERS is not set and the embedded broker "
                    + "(org.apache.kafka:kafka_2.13) is not on the classpath: set KAFKA_BOOTSTRAP_SERVERS or add it", e);
        }
        config = config.withBootstrapServers(embeddedBroker.bootstrapServers());
    }

    private void provisionTopicsIfAsked() {
        boolean create = config.createTopics().orElse(embeddedBroker != null);
        if (!create) {
            return;
        }
        Set<String> topics = new LinkedHashSet<>();
        for (NodeContract c : contracts) {
            for (String t : c.topics().subscribe()) {
                String full = config.resolveTopic(t);
                topics.add(full);
                if (c.deadLetterEnabled()) {
                    topics.add(TopicName.deadLetterOf(full));
                }
            }
            for (String t : c.topics().publish()) {
                String full = config.resolveTopic(t);
                topics.add(full);
                if (c.deadLetterEnabled()) {
                    topics.add(TopicName.deadLetterOf(full));
                }
            }
        }
        for (String t : BridgeTopics.REGISTRY_EVENTS) {
            topics.add(config.resolveTopic(t));
        }
        new TopicProvisioner(services.admin, config.topicPartitions(), config.replicationFactor(),
                config.compressionType()).ensureTopics(topics, Duration.ofSeconds(30));
    }

    private void wireNodes() {
        List<String> problems = new ArrayList<>();
        for (NodeContract c : contracts) {
            String nodeId = c.name().replace('_', '-') + "-"
                    + config.instanceId().orElseGet(() -> UUID.randomUUID().toString().substring(0, 8));
            KafkaEventPublisher publisher = new KafkaEventPublisher(services.producer, codec,
                    new EventSource(config.serviceName(), c.nodeType().wireName(), nodeId),
                    Map.of("environment", config.env(), "node_version", c.version().toString(),
                            "source_node", c.nodeType().wireName()),
                    config::resolveTopic, clock);
            OnexNode<?, ?> instance;
            try {
                Injector child = injector.createChildInjector(new NodeModule(c, nodeId, publisher));
                instance = child.getInstance(nodeClasses.get(c.name()));
            } catch (CreationException | ConfigurationException | ProvisionException e) {
                for (Message m : guiceMessages(e)) {
                    problems.add(c.source().map(p -> p + ": ").orElse("") + "implementation "
                            + c.implementation() + ": " + m.getMessage());
                }
                continue;
            }
            NodeInvoker invoker = services.invokerFactory.create(c, instance, nodeId, publisher);
            nodes.put(c.name(), new RunningNode(c, nodeId, instance, publisher, invoker));
        }
        if (!problems.isEmpty()) {
            throw new RuntimeStartupException(problems);
        }
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

    private void startNodes() {
        for (RunningNode n : nodes.values()) {
            try {
                n.instance.start(new CallContext(n.nodeId, n.contract, UUID.randomUUID().toString(), null, null, 1,
                        n.publisher, clock));
            } catch (Exception e) {
                throw new RuntimeStartupException("node " + n.contract.name() + " (" + n.nodeId + ") failed to start: "
                        + e.getMessage(), e);
            }
        }
        for (RunningNode n : nodes.values()) {
            if (n.contract.subscribes()) {
                n.consumer = services.consumers.forNode(n, config);
                n.consumer.start();
            }
        }
    }

    private Map<String, String> httpEndpoints() {
        if (httpServer == null) {
            return Map.of();
        }
        String base = "http://127.0.0.1:" + httpServer.port();
        return Map.of("health", base + "/health", "metrics", base + "/metrics");
    }

    private void startHttp() {
        int port = httpPortOverride != Integer.MIN_VALUE ? httpPortOverride : config.httpPort();
        if (port < 0) {
            return;
        }
        httpServer = new RuntimeHttpServer(new java.net.InetSocketAddress("127.0.0.1", port), meterRegistry::scrape,
                this::health);
        httpServer.start();
        log.info("serving /metrics and /health on http://127.0.0.1:{}", httpServer.port());
    }

    /** The node's pipeline, for calls from code. */
    public NodeInvoker invoker(String nodeName) {
        RunningNode n = nodes.get(nodeName);
        if (n == null) {
            throw new IllegalArgumentException("no node named '" + nodeName + "' in this runtime; nodes: " + nodes.keySet());
        }
        return n.invoker;
    }

    /**
     * What the node's consumer loop hands each consumed record to: decode, call through the pipeline, dead-letter
     * what finally fails. For services that feed records from a consumer of their own, and for
     * {@link io.onex.runtime.testing.NodeTestKit#deliver}. The returned stage completes when the record is done
     * (processed or dead-lettered) and fails when it is not (it would be delivered again).
     *
     * @param nodeName the contract name
     * @return the node's record handler
     */
    public RecordHandler recordHandler(String nodeName) {
        requireRunning();
        invoker(nodeName); // names the nodes when there is none of that name
        return services.consumers.handlerFor(nodes.get(nodeName));
    }

    /**
     * Calls a node through its pipeline (retry, breaker, timeout, DLQ) with a fresh correlation id.
     *
     * @param nodeName the contract name
     * @param input the input (a map or the node's input type)
     * @return the node's output
     */
    public CompletionStage<Object> call(String nodeName, Object input) {
        return call(nodeName, input, CallOptions.none());
    }

    /** Calls a node through its pipeline with the given options. */
    public CompletionStage<Object> call(String nodeName, Object input, CallOptions options) {
        requireRunning();
        return invoker(nodeName).invoke(input, options);
    }

    /** The node instance, for tests and services that hold a typed reference. */
    public <T> T node(String nodeName, Class<T> type) {
        requireRunning();
        return type.cast(nodes.get(nodeName).instance);
    }

    /** The node instance id of a node (as in its introspection). */
    public String nodeId(String nodeName) {
        requireRunning();
        return nodes.get(nodeName).nodeId;
    }

    /** The clock the runtime and its nodes read (timestamps, backoff, breakers, heartbeats, workflow durations). */
    public Clock clock() {
        return clock;
    }

    /** The contracts this runtime runs. */
    public List<NodeContract> contracts() {
        return contracts;
    }

    /** The bootstrap servers in use (the embedded broker's when none were configured). */
    public String bootstrapServers() {
        return config.bootstrapServers().orElse("");
    }

    /** The effective configuration. */
    public RuntimeConfig config() {
        return config;
    }

    /** The metrics registry (Prometheus-backed). */
    public PrometheusMeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** The port /metrics and /health are served on, or -1. */
    public int httpPort() {
        return httpServer == null ? -1 : httpServer.port();
    }

    /** The runtime's health now. */
    public HealthReport health() {
        return services.health(nodes);
    }

    /** This runtime instance's short id. */
    public String runtimeId() {
        return runtimeId;
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("runtime " + runtimeId + " is " + state.name().toLowerCase() + ", not running");
        }
    }

    /** Stops everything in reverse order of start, announcing each node's shutdown to the registry. Idempotent. */
    @Override
    public synchronized void close() {
        close(true);
    }

    /**
     * Stops everything like {@link #close()} but without the nodes' shutdown introspection, so that to a registry the
     * nodes look like a crashed process: their heartbeats stop and they turn suspect, then expire. For failure drills
     * and tests of whoever watches the nodes. Idempotent, and a no-op after {@link #close()}.
     */
    public synchronized void abandon() {
        close(false);
    }

    private void close(boolean announceShutdown) {
        if (state == State.CLOSED) {
            return;
        }
        boolean started = state != State.NEW;
        state = State.CLOSED;
        if (!started) {
            shutdownScheduler();
            return;
        }
        quietly("HTTP server", () -> {
            if (httpServer != null) {
                httpServer.close();
            }
        });
        if (services != null) {
            quietly("introspection", () -> services.introspection.close(announceShutdown));
        }
        for (RunningNode n : reversed(nodes.values())) {
            if (n.consumer != null) {
                quietly("consumer of " + n.contract.name(), () -> n.consumer.close(CLOSE_TIMEOUT));
            }
        }
        for (RunningNode n : reversed(nodes.values())) {
            quietly("node " + n.contract.name(), n.instance::stop);
        }
        if (services != null) {
            quietly("producer", () -> {
                services.producer.flush();
                services.producer.close(CLOSE_TIMEOUT);
            });
            quietly("admin client", () -> services.admin.close(CLOSE_TIMEOUT));
        }
        shutdownScheduler();
        if (embeddedBroker != null) {
            quietly("embedded broker", embeddedBroker::close);
        }
        log.info("ONEX runtime {} stopped", runtimeId);
    }

    private void shutdownScheduler() {
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    private static <T> List<T> reversed(Collection<T> items) {
        List<T> l = new ArrayList<>(items);
        java.util.Collections.reverse(l);
        return l;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void quietly(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            log.warn("closing {} failed: {}", what, e.toString());
        }
    }

    private static ScheduledExecutorService defaultScheduler() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "onex-scheduler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(s);
    }

    /** Builds an {@link OnexRuntime}; {@link #build()} validates everything and starts nothing. */
    public static final class Builder {
        private final List<NodeContract> contracts = new ArrayList<>();
        private final List<Path> contractPaths = new ArrayList<>();
        private final List<Module> modules = new ArrayList<>();
        private Map<String, String> environment = System.getenv();
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService scheduler;
        private KafkaModule.ClientFactory clients = KafkaModule.REAL_CLIENTS;
        private String bootstrapServers;
        private int httpPort = Integer.MIN_VALUE;

        private Builder() {
        }

        /** Adds the contracts of a file or a folder (every *.yaml in it). */
        public Builder contracts(Path fileOrFolder) {
            contractPaths.add(fileOrFolder);
            return this;
        }

        /** Adds contracts already loaded. */
        public Builder contracts(Collection<NodeContract> loaded) {
            contracts.addAll(loaded);
            return this;
        }

        /** Guice modules binding what the nodes inject (repositories, clients, ...). */
        public Builder modules(Module... more) {
            modules.addAll(List.of(more));
            return this;
        }

        /** The environment read for configuration and {@code ${env:...}} in contracts (default: the process's). */
        public Builder environment(Map<String, String> env) {
            this.environment = Map.copyOf(env);
            return this;
        }

        /** Overrides {@code KAFKA_BOOTSTRAP_SERVERS}. */
        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = servers;
            return this;
        }

        /** Overrides {@code ONEX_HTTP_PORT} (-1 off, 0 any free port). */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** The clock for timestamps, backoff, breakers and heartbeats. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** The scheduler for backoff, timeouts and heartbeats (default: 2 daemon threads, owned by the runtime). */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** Replaces the Kafka client factory (tests use MockProducer). */
        public Builder kafkaClients(KafkaModule.ClientFactory clients) {
            this.clients = Objects.requireNonNull(clients);
            return this;
        }

        /**
         * Validates configuration, contracts and node classes, reporting every problem at once.
         *
         * @return the runtime, not started
         * @throws RuntimeStartupException listing every problem
         */
        public OnexRuntime build() {
            List<String> problems = new ArrayList<>();
            RuntimeConfig config = null;
            try {
                config = RuntimeConfig.fromEnvironment(environment);
                if (bootstrapServers != null) {
                    config = config.withBootstrapServers(bootstrapServers);
                }
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            }
            List<NodeContract> all = new ArrayList<>(contracts);
            ContractLoader loader = new ContractLoader(environment);
            for (Path p : contractPaths) {
                try {
                    all.addAll(loader.loadAll(p));
                } catch (ContractValidationException e) {
                    problems.add(e.getMessage());
                }
            }
            Set<String> names = new LinkedHashSet<>();
            for (NodeContract c : all) {
                if (!names.add(c.name())) {
                    problems.add("contract name '" + c.name() + "' is used twice"
                            + c.source().map(s -> " (again in " + s + ")").orElse(""));
                }
            }
            Map<String, Class<? extends OnexNode<?, ?>>> classes =
                    NodeClasses.resolve(all, Thread.currentThread().getContextClassLoader(), problems);
            if (!problems.isEmpty()) {
                throw new RuntimeStartupException(problems);
            }
            contracts.clear();
            contracts.addAll(all);
            io.onex.runtime.config.StartupWarnings.log(config);
            return new OnexRuntime(this, config, classes);
        }
    }

    /** Holder for shared services created by the injector (keeps field injection out of OnexRuntime). */
    static final class RuntimeServices {
        final Producer<byte[], byte[]> producer;
        final Admin admin;
        final DeadLetterRouter router;
        final NodeInvokerFactory invokerFactory;
        final NodeConsumers consumers;
        final RuntimeIntrospection introspection;
        final BrokerProbe brokerProbe;

        @jakarta.inject.Inject
        RuntimeServices(Producer<byte[], byte[]> producer, Admin admin, DeadLetterRouter router,
                NodeInvokerFactory invokerFactory, NodeConsumers consumers, RuntimeIntrospection introspection,
                BrokerProbe brokerProbe) {
            this.producer = producer;
            this.admin = admin;
            this.router = router;
            this.invokerFactory = invokerFactory;
            this.consumers = consumers;
            this.introspection = introspection;
            this.brokerProbe = brokerProbe;
        }

        HealthReport health(Map<String, RunningNode> nodes) {
            return introspection.health(nodes, brokerProbe::reachable);
        }
    }
}
