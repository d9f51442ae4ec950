package io.onex.runtime;

import com.google.inject.Injector;
import com.google.inject.Module;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onex.api.EventPublisher;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.dashboard.Dashboard;
import io.onex.runtime.dashboard.LetterReplayer;
import io.onex.runtime.deadletter.DeadLetterTopics;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.health.HealthReport;
import io.onex.runtime.inject.CoreModule;
import io.onex.runtime.inject.KafkaModule;
import io.onex.runtime.inject.WorkflowModule;
import io.onex.runtime.kafka.BatchRecordHandler;
import io.onex.runtime.kafka.RecordHandler;
import io.onex.runtime.payload.PayloadSchemas;
import io.onex.runtime.pipeline.CallOptions;
import io.onex.runtime.pipeline.NodeInvoker;
import io.onex.runtime.workflow.WorkflowEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
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
 * before anything starts. {@link #start()} starts its parts in order: the embedded broker (when no bootstrap servers
 * are configured), the shared services (injector, producer, admin client; a named cluster must answer within 5 s),
 * topics, the producers' metadata (fetched in the background), nodes (their {@code start} all at once), consumers,
 * consumer-group health (lag verdicts), remote calls, HTTP, introspection; the start-up line at INFO says how long
 * each part took. {@link #close()} closes the started parts in reverse, flushing the producer and committing offsets;
 * a part that fails to start closes the parts started before it. Both are idempotent.
 */
public final class OnexRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OnexRuntime.class);

    private final List<NodeContract> contracts;
    private final List<Module> userModules;
    private final Clock clock;
    private final boolean ownsScheduler;
    private final ScheduledExecutorService scheduler;
    private final KafkaModule.ClientFactory clients;
    private final String runtimeId;
    private final PrometheusMeterRegistry meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final EnvelopeCodec codec;
    private final PayloadSchemas payloadSchemas;

    private final EmbeddedBrokerPart broker;
    private final SharedServicesPart shared;
    private final NodesPart nodes;
    private final HttpPart http;
    private final RemoteCallsPart remote;
    private final GroupHealthPart groupHealth;
    private final RuntimeParts parts;
    private State state = State.NEW;

    private enum State { NEW, STARTING, RUNNING, CLOSED }

    private OnexRuntime(Builder b, RuntimeSetup setup) {
        this.contracts = setup.contracts();
        this.payloadSchemas = setup.payloadSchemas();
        this.userModules = List.copyOf(b.modules);
        this.clock = b.clock;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler != null ? b.scheduler : RuntimeScheduler.daemonThreads(2);
        this.clients = b.clients;
        this.runtimeId = UUID.randomUUID().toString().substring(0, 8);
        this.codec = new EnvelopeCodec(EnvelopeCodec.defaultMapper(), setup.config().maxRecordBytes());
        int httpPort = b.httpPort;
        this.broker = new EmbeddedBrokerPart(setup.config());
        this.shared = new SharedServicesPart(this::modules,
                b.clients == KafkaModule.REAL_CLIENTS ? this::bootstrapServers : null);
        this.nodes = new NodesPart(contracts, setup.nodeClasses(), broker, shared, codec, clock);
        this.http = new HttpPart(() -> httpPort != Integer.MIN_VALUE ? httpPort : config().httpPort(),
                meterRegistry::scrape, this::health, this::dashboard);
        this.remote = new RemoteCallsPart(nodes, setup.remoteNodes(), broker, shared, codec, clock, scheduler,
                runtimeId, b.announceNodes);
        this.groupHealth = new GroupHealthPart(nodes, broker, shared, scheduler, clock, meterRegistry);
        this.parts = new RuntimeParts(List.of(broker, shared, new TopicsPart(contracts, broker, shared),
                new OwnGroupsPart(shared), new ProducerWarmUpPart(broker, shared, b.announceNodes), nodes,
                new ConsumersPart(nodes, broker, shared, b.privateNodeGroups), groupHealth, remote, http,
                new IntrospectionPart(nodes, broker, shared, http, runtimeId, b.announceNodes)));
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts every part in order. Idempotent: a second call does nothing.
     *
     * @throws RuntimeStartupException if a part cannot start; whatever had started is stopped again. The failure is
     *     thrown, not logged: report it where it is caught
     */
    public synchronized OnexRuntime start() {
        if (state != State.NEW) {
            if (state == State.CLOSED) {
                throw new IllegalStateException("runtime " + runtimeId + " is closed and cannot be restarted");
            }
            return this;
        }
        state = State.STARTING;
        long t0 = System.nanoTime();
        try {
            parts.start();
        } catch (Exception | Error e) {
            // thrown, not logged: the caller says it once (an error: line, or its own log), not three times
            log.debug("ONEX runtime {} failed to start: {}", runtimeId, e.getMessage());
            state = State.CLOSED;
            shutdownScheduler();
            if (e instanceof Error err) {
                throw err;
            }
            throw e instanceof RuntimeStartupException rse ? rse
                    : new RuntimeStartupException("start-up failed: " + (e.getMessage() != null ? e.getMessage()
                            : e.getClass().getName()), e);
        }
        state = State.RUNNING;
        log.info("ONEX runtime {} started in {} ms: {} node(s), bootstrap {}; start by part, ms: {}", runtimeId,
                (System.nanoTime() - t0) / 1_000_000, nodes.nodes().size(), bootstrapServers(), startMillisByPart());
        return this;
    }

    /** {@code embedded_broker=0 shared_services=412 ...}: one key=value a script can read, per started part. */
    private String startMillisByPart() {
        StringJoiner line = new StringJoiner(" ");
        parts.startMillis().forEach((part, ms) -> line.add(part.toLowerCase(Locale.ROOT).replace(' ', '_') + "=" + ms));
        return line.toString();
    }

    private List<Module> modules() {
        return RuntimeModules.of(new CoreModule(config(), clock, scheduler, meterRegistry, codec),
                new KafkaModule(clients, "onex-" + runtimeId),
                new WorkflowModule(new RuntimeStepInvoker(this), "workflow-engine-" + runtimeId), payloadSchemas,
                DeadLetterTopics.of(contracts, config()::resolveTopic), userModules);
    }

    /** The node's pipeline, for calls from code. */
    public NodeInvoker invoker(String nodeName) {
        return running(nodeName).invoker;
    }

    private RunningNode running(String nodeName) {
        RunningNode n = nodes.nodes().get(nodeName);
        if (n == null) {
            throw new IllegalArgumentException("no node named '" + nodeName + "' in this runtime; nodes: "
                    + nodes.nodes().keySet());
        }
        return n;
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
        return shared.services().consumers.handlerFor(running(nodeName));
    }

    /**
     * What the node's consumer loop hands the records of a poll to: for a {@link io.onex.api.batch.BatchEffectNode},
     * batches of its contract's {@code consumer.batch_size} through its batch pipeline; for any other node, each record
     * through {@link #recordHandler}. For {@link io.onex.runtime.testing.NodeTestKit#deliverTogether}.
     *
     * @param nodeName the contract name
     * @return the node's batch record handler
     */
    public BatchRecordHandler batchRecordHandler(String nodeName) {
        requireRunning();
        return shared.services().consumers.batchHandlerFor(running(nodeName));
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

    /**
     * Calls a node through its pipeline with the given options: this runtime's node when it runs one of that name;
     * otherwise a live instance in another runtime, by request and reply over Kafka (docs/remote-calls.md), with the
     * same retry, breaker and timeout; otherwise the stage fails at once with a
     * {@link io.onex.runtime.remote.NoLiveInstanceException} ("no live instance of 'x' (last seen 4m ago, expired)").
     * With {@code ONEX_REMOTE_CALLS=false} a node this runtime does not run is refused at once, as unknown.
     */
    public CompletionStage<Object> call(String nodeName, Object input, CallOptions options) {
        requireRunning();
        if (nodes.nodes().containsKey(nodeName) || !config().remoteCalls()) {
            return invoker(nodeName).invoke(input, options);
        }
        return remote.call(nodeName, input, options);
    }

    /** This runtime's view of the network (other runtimes' nodes and their liveness), which routes remote calls. */
    public NodeDirectory directory() {
        return remote.directory();
    }

    /** The dashboard on this runtime's view: its directory, admin client and clock (made as the HTTP part starts). */
    private Dashboard dashboard() {
        return Dashboard.builder().directory(remote.directory()).admin(shared.services().admin).config(config())
                .clock(clock).actions(config().dashboardActions())
                .replayer(new LetterReplayer(config(), shared.services().producer)).build();
    }

    /** Replies that arrived after their call gave up, dropped. */
    public long lateReplies() {
        return remote.pendingReplies().lateReplies();
    }

    /**
     * A workflow engine builder wired to this runtime as {@code onex run}, the orchestrator and the test kits use it:
     * steps call the nodes through their pipelines, events go through the runtime's producer to the bridge's workflow
     * topics (a workflow file may name its own), time from the runtime's clock and scheduler. Set a step executor
     * for steps whose nodes block.
     */
    public WorkflowEngine.Builder workflowEngine() {
        requireRunning();
        return shared.injector().getInstance(WorkflowEngine.Builder.class);
    }

    /**
     * The node's publisher: events sent through it carry the node as their source, and are checked against their
     * topic's payload schema. For services and demos that publish on a node's behalf.
     *
     * @param nodeName the contract name
     * @return the publisher
     */
    public EventPublisher publisher(String nodeName) {
        requireRunning();
        return running(nodeName).publisher;
    }

    /** The node instance, for tests and services that hold a typed reference. */
    public <T> T node(String nodeName, Class<T> type) {
        requireRunning();
        return type.cast(nodes.nodes().get(nodeName).instance);
    }

    /** The node instance id of a node (as in its introspection). */
    public String nodeId(String nodeName) {
        requireRunning();
        return nodes.nodes().get(nodeName).nodeId;
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
        return config().bootstrapServers().orElse("");
    }

    /** The effective configuration. */
    public RuntimeConfig config() {
        return broker.config();
    }

    /** The metrics registry (Prometheus-backed). */
    public PrometheusMeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** The port /metrics and /health are served on, or -1. */
    public int httpPort() {
        return http.port();
    }

    /** The runtime's health now. */
    public HealthReport health() {
        return shared.services().health(nodes.nodes(), groupHealth.verdicts());
    }

    /** This runtime instance's short id. */
    public String runtimeId() {
        return runtimeId;
    }

    /** The injector of the running runtime, for the runtime's own wiring (workflows). */
    Injector injector() {
        requireRunning();
        return shared.injector();
    }

    /** The shared admin client of the running runtime. */
    Admin admin() {
        requireRunning();
        return shared.services().admin;
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("runtime " + runtimeId + " is " + state.name().toLowerCase() + ", not running");
        }
    }

    /** Stops everything in reverse order of start, announcing each node's shutdown to the registry. Idempotent. */
    @Override
    public synchronized void close() {
        stop(false);
    }

    /**
     * Stops everything like {@link #close()} but without the nodes' shutdown introspection, so that to a registry the
     * nodes look like a crashed process: their heartbeats stop and they turn suspect, then expire. For failure drills
     * and tests of whoever watches the nodes. Idempotent, and a no-op after {@link #close()}.
     */
    public synchronized void abandon() {
        stop(true);
    }

    private void stop(boolean abandon) {
        if (state == State.CLOSED) {
            return;
        }
        boolean started = state != State.NEW;
        state = State.CLOSED;
        if (abandon) {
            parts.abandon();
        } else {
            parts.close();
        }
        shutdownScheduler();
        if (started) {
            log.info("ONEX runtime {} stopped", runtimeId);
        }
    }

    private void shutdownScheduler() {
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
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
        private boolean announceNodes = true;
        private boolean privateNodeGroups;

        private Builder() {
        }

        /**
         * Whether the nodes' consumer groups are this runtime instance's alone; default false. True for a short-lived
         * runtime whose contracts name groups of their own, as {@code onex nodes} does: its nodes then commit no
         * offsets and their groups are deleted from the cluster when it closes, as the runtime's private feeds'
         * always are. Never for a group other processes share: deleting it would lose their committed offsets.
         */
        public Builder privateNodeGroups(boolean ownGroups) {
            this.privateNodeGroups = ownGroups;
            return this;
        }

        /**
         * Whether the nodes announce themselves (introspection, heartbeats) and answer registries' introspection
         * requests; default true. False for a runtime that watches the network unseen, as {@code onex nodes} does:
         * other registries never see it join or leave, and it serves no remote calls of its nodes (no caller could
         * route to an instance it never sees, and joining the request group would take requests from the instances
         * that are seen).
         */
        public Builder announceNodes(boolean announce) {
            this.announceNodes = announce;
            return this;
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
            return new OnexRuntime(this, RuntimeSetup.validate(environment, bootstrapServers, contracts, contractPaths));
        }
    }

}
