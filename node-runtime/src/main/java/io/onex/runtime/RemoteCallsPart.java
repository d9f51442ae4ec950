package io.onex.runtime;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.api.contract.SemanticVersion;
import io.onex.api.contract.TopicSettings;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.config.RuntimeConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.ConsumerLoop;
import io.onex.runtime.kafka.KafkaEventPublisher;
import io.onex.runtime.kafka.RecordHandler;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.kafka.TopicProvisioner;
import io.onex.runtime.pipeline.CallOptions;
import io.onex.runtime.pipeline.NodeInvoker;
import io.onex.runtime.tracing.TraceHeaders;
import io.opentelemetry.context.Scope;
import io.onex.runtime.remote.CallPayloadReader;
import io.onex.runtime.remote.CallReply;
import io.onex.runtime.remote.CallRequest;
import io.onex.runtime.remote.CallRouter;
import io.onex.runtime.remote.PendingReplies;
import io.onex.runtime.remote.RemoteNodeStub;
import io.onex.runtime.remote.RemoteTopics;
import io.onex.runtime.remote.RequestResponder;
import io.onex.runtime.remote.SharedReplies;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote calls between runtimes over Kafka (docs/remote-calls.md): the directory feed (this runtime's view of the
 * network, on the registry's liveness rules, read from the introspection and heartbeat topics), the reply listener
 * (this runtime's reply topic), one request consumer per local node (the node's request topic, in a consumer group
 * shared by every instance of the node), and the remote stubs' pipelines, made on first call.
 */
final class RemoteCallsPart implements RuntimePart {
    private static final Logger log = LoggerFactory.getLogger(RemoteCallsPart.class);
    /** How long a callee keeps a reply to answer a redelivered request from it. */
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofMinutes(10);
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TOPICS_WAIT = Duration.ofSeconds(30);
    private static final int REQUEST_POLL_RECORDS = 500;
    private static final int RESOLVED_TOPICS = 1_000;
    /**
     * At most five request commits a second: committing as each reply was acknowledged sent an offset commit for
     * nearly every call at 1,000 calls/s. A crash redelivers up to this much more; those requests are answered from
     * the stored reply, skipped past their deadline, or run again (at least once, as before).
     */
    private static final Duration REQUEST_COMMIT_INTERVAL = Duration.ofMillis(200);
    /** Requests of one node being run or answered and not yet acknowledged, per instance. */
    private static final int REQUESTS_IN_FLIGHT = 2_000;

    private final NodesPart nodes;
    /** How this runtime calls the nodes other runtimes run, by name ({@code remote.served: elsewhere}). */
    private final Map<String, NodeContract> declared;
    private final EmbeddedBrokerPart broker;
    private final SharedServicesPart shared;
    private final EnvelopeCodec codec;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final String runtimeId;
    private final NodeDirectory directory;
    private final PendingReplies pending;
    /** Reads requests and replies without decoding the rest of their envelope. */
    private CallPayloadReader payloads;
    private final CallRouter router;
    private final Map<String, NodeInvoker> remoteInvokers = new ConcurrentHashMap<>();
    private final List<ConsumerLoop> loops = new ArrayList<>();
    private final Map<String, RequestResponder> responders = new ConcurrentHashMap<>();
    /** False in a runtime whose nodes are not announced: no caller routes to them (see Builder#announceNodes). */
    private final boolean servesRequests;
    private KafkaEventPublisher publisher;
    private String replyTopic;
    private ScheduledFuture<?> sweep;

    RemoteCallsPart(NodesPart nodes, List<NodeContract> remoteNodes, EmbeddedBrokerPart broker,
            SharedServicesPart shared, EnvelopeCodec codec, Clock clock, ScheduledExecutorService scheduler,
            String runtimeId, boolean servesRequests) {
        this.nodes = nodes;
        this.servesRequests = servesRequests;
        Map<String, NodeContract> byName = new LinkedHashMap<>();
        remoteNodes.forEach(c -> byName.put(c.name(), c));
        this.declared = Map.copyOf(byName);
        this.broker = broker;
        this.shared = shared;
        this.codec = codec;
        this.clock = clock;
        this.scheduler = scheduler;
        this.runtimeId = runtimeId;
        this.directory = new NodeDirectory(clock);
        this.pending = new PendingReplies(runtimeId);
        this.router = new CallRouter(name -> nodes.nodes().containsKey(name), directory, clock);
    }

    @Override
    public String name() {
        return "remote calls";
    }

    @Override
    public void start() {
        RuntimeConfig config = broker.config();
        replyTopic = config.resolveTopic(RemoteTopics.replyTopic(runtimeId));
        payloads = new CallPayloadReader(codec.mapper(), config.maxRecordBytes());
        publisher = new KafkaEventPublisher(shared.services().signals, codec,
                new EventSource(config.serviceName(), "runtime", runtimeId), Map.of("environment", config.env()),
                resolvedOnce(config), clock);
        ensureTopics(config);
        NodeConsumers consumers = shared.services().consumers;
        // every runtime reads the whole feed: a group of its own; from the earliest offset, since the directory
        // judges liveness by each event's own timestamp, and replayed history brings nothing dead back to life. The
        // replay (each live node's last heartbeat) is how a new runtime learns the network: asking every node to
        // introspect on each runtime's start would cost the network more than it brings
        start(consumers.privateListener("directory feed", "onex-directory-" + runtimeId,
                List.of(config.resolveTopic(BridgeTopics.NODE_INTROSPECTION),
                        config.resolveTopic(BridgeTopics.NODE_HEARTBEAT)), this::onDirectoryEvent, config, "earliest"));
        start(consumers.privateListener("replies", "onex-replies-" + runtimeId, List.of(replyTopic), this::onReply,
                config, "earliest"));
        SharedReplies replyStore = servesRequests ? sharedReplies(config, consumers) : SharedReplies.NONE;
        for (RunningNode n : servesRequests ? nodes.nodes().values() : List.<RunningNode>of()) {
            RequestResponder responder = new RequestResponder(in -> n.invoker.invoke(in, CallOptions.none()),
                    this::sendReply, clock, IDEMPOTENCY_WINDOW, replyStore);
            responders.put(n.contract.name(), responder);
            String requestTopic = config.resolveTopic(RemoteTopics.requestTopic(n.contract));
            // a request is done when its reply is acknowledged: at 100 in flight (the listeners' bound) a callee
            // served ~4,300 calls/s in onex bench call, one broker round trip per 100 requests
            start(consumers.requestListener(n, requestGroup(requestTopic), List.of(requestTopic),
                    record -> onRequest(responder, record), config, REQUEST_POLL_RECORDS, REQUESTS_IN_FLIGHT,
                    REQUEST_COMMIT_INTERVAL));
        }
        DirectoryGauges.register(shared.injector().getInstance(MeterRegistry.class), directory, clock);
        long every = SWEEP_INTERVAL.toMillis();
        sweep = scheduler.scheduleAtFixedRate(directory::sweep, every, every, TimeUnit.MILLISECONDS);
        log.info("remote calls of runtime {}: replies on {}, requests of {} served", runtimeId, replyTopic,
                responders.keySet());
    }

    /**
     * With {@code ONEX_REMOTE_REPLY_STORE=topic} and nodes to serve: the replies of every instance, read from the
     * shared topic from its start (its retention is the idempotency window when the runtime creates it).
     */
    private SharedReplies sharedReplies(RuntimeConfig config, NodeConsumers consumers) {
        if (!config.sharedReplyStore() || nodes.nodes().isEmpty()) {
            return SharedReplies.NONE;
        }
        String topic = config.resolveTopic(RemoteTopics.SHARED_REPLIES);
        SharedReplies shared = new SharedReplies(reply -> publisher.publishEnvelope(topic, reply.requestId(),
                replyEnvelope(reply)), clock, IDEMPOTENCY_WINDOW);
        String group = "onex-shared-replies-" + runtimeId;
        start(consumers.privateListener("shared replies", group, List.of(topic), record -> {
            try {
                EventEnvelope e = codec.decode(record.value());
                shared.read(CallReply.fromPayload(e.payload()), e.timestamp());
            } catch (RuntimeException e) {
                log.debug("shared replies ignored {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        e.getMessage());
            }
            return CompletableFuture.completedFuture(RecordOutcome.PROCESSED);
        }, config, "earliest"));
        return shared;
    }

    /**
     * The runtime's topic resolution, remembered: a request names its reply topic, and checking that name again on
     * every reply cost a callee a noticeable share of its CPU per call. Bounded, since every caller start names a
     * reply topic of its own.
     */
    private static Function<String, String> resolvedOnce(RuntimeConfig config) {
        Map<String, String> resolved = new ConcurrentHashMap<>();
        return topic -> {
            String t = resolved.get(topic);
            if (t == null) {
                t = config.resolveTopic(topic);
                if (resolved.size() >= RESOLVED_TOPICS) {
                    resolved.clear();
                }
                resolved.put(topic, t);
            }
            return t;
        };
    }

    private void start(ConsumerLoop loop) {
        loops.add(loop);
        loop.start();
    }

    /**
     * Instances of a node share its requests: one group per request topic (so per node, environment and tenant),
     * apart from the node's subscription group so that neither disturbs the other's assignments.
     */
    private static String requestGroup(String requestTopic) {
        return "onex-requests." + requestTopic;
    }

    /**
     * The request topic a live instance announced (the callee's own contract is the truth), else the one this
     * runtime's contract of the node declares, else the default derived from the name.
     */
    private String requestTopicOf(NodeContract contract) {
        return directory.findByName(contract.name()).stream().map(e -> e.requestTopic()).filter(t -> !t.isEmpty())
                .findFirst().orElseGet(() -> broker.config().resolveTopic(RemoteTopics.requestTopic(contract)));
    }

    private void ensureTopics(RuntimeConfig config) {
        if (!config.createTopics().orElse(broker.embedded())) {
            return;
        }
        Set<String> topics = new LinkedHashSet<>();
        topics.add(replyTopic);
        nodes.nodes().values().forEach(n -> topics.add(config.resolveTopic(RemoteTopics.requestTopic(n.contract))));
        Map<String, TopicSettings> settings = Map.of();
        if (config.sharedReplyStore() && !nodes.nodes().isEmpty()) {
            // kept as long as a reply may answer a redelivery: a new instance reads no more than the window
            String sharedTopic = config.resolveTopic(RemoteTopics.SHARED_REPLIES);
            topics.add(sharedTopic);
            settings = Map.of(sharedTopic, new TopicSettings(OptionalInt.empty(), Optional.of(IDEMPOTENCY_WINDOW),
                    Optional.empty()));
        }
        // "producer": the broker keeps the batches as the signals producer sends them (uncompressed, one small record
        // each) instead of compressing every one again on append
        new TopicProvisioner(shared.services().admin, config.topicPartitions(), config.replicationFactor(),
                "producer").withTopicSettings(settings).ensureTopics(topics, TOPICS_WAIT);
    }

    private CompletionStage<RecordOutcome> onDirectoryEvent(ConsumerRecord<byte[], byte[]> record) {
        try {
            directory.applyEvent(codec.decode(record.value()));
        } catch (RuntimeException e) {
            log.debug("directory feed ignored {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
        return CompletableFuture.completedFuture(RecordOutcome.PROCESSED);
    }

    private CompletionStage<RecordOutcome> onReply(ConsumerRecord<byte[], byte[]> record) {
        try {
            pending.accept(payloads.reply(record.value()));
        } catch (RuntimeException e) {
            log.warn("ignored reply at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
        return CompletableFuture.completedFuture(RecordOutcome.PROCESSED);
    }

    private CompletionStage<RecordOutcome> onRequest(RequestResponder responder, ConsumerRecord<byte[], byte[]> record) {
        CallRequest request;
        try {
            request = payloads.request(record.value());
        } catch (RuntimeException e) {
            log.warn("ignored request at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return CompletableFuture.completedFuture(RecordOutcome.PROCESSED);
        }
        // the caller's trace context, from the request record, is the parent of the node call made for it
        try (Scope ignored = TraceHeaders.extract(record.headers()).makeCurrent()) {
            return responder.handle(request).thenApply(sent -> RecordOutcome.PROCESSED);
        }
    }

    private CompletionStage<?> sendReply(String topic, CallReply reply) {
        return publisher.publishEnvelope(topic, reply.callerId(), replyEnvelope(reply));
    }

    private EventEnvelope replyEnvelope(CallReply reply) {
        return EventEnvelope.create(CallReply.EVENT_TYPE, reply.requestId(), null, clock.instant(),
                new EventSource(broker.config().serviceName(), "runtime", runtimeId), Map.of(), reply.toPayload());
    }

    private CompletionStage<?> sendRequest(String topic, CallRequest request, String correlationId) {
        EventEnvelope envelope = EventEnvelope.create(CallRequest.EVENT_TYPE, correlationId, null, clock.instant(),
                new EventSource(broker.config().serviceName(), "runtime", runtimeId), Map.of(), request.toPayload());
        return publisher.publishEnvelope(topic, request.requestId(), envelope);
    }

    /**
     * Calls a node this runtime does not run: through the remote stub's pipeline when a live instance is known,
     * else fails at once.
     */
    CompletionStage<Object> call(String nameOrCapability, Object input, CallOptions options) {
        try {
            router.route(nameOrCapability);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String nodeName = router.nodeNameFor(nameOrCapability).orElse(nameOrCapability);
        return remoteInvokers.computeIfAbsent(nodeName, this::remoteInvoker).invoke(input, options);
    }

    /**
     * The caller's pipeline for a node other runtimes run: as this runtime's contract of the node declares it
     * ({@code remote.served: elsewhere}: resilience, dead-lettering), else as a contract of defaults would.
     */
    private NodeInvoker remoteInvoker(String nodeName) {
        NodeContract contract = declared.getOrDefault(nodeName, undeclared(nodeName));
        RemoteNodeStub stub = new RemoteNodeStub(nodeName, requestTopicOf(contract), replyTopic,
                pending, this::sendRequest, clock, contract.resilience().timeout());
        return shared.services().invokerFactory.create(contract, stub, "remote-" + nodeName + "@" + runtimeId,
                publisher);
    }

    /** A node called without a contract of it here: every contract default (docs/contract-reference.md). */
    private static NodeContract undeclared(String nodeName) {
        return NodeContract.builder().name(nodeName).version(SemanticVersion.parse("1.0.0")).nodeType(NodeType.EFFECT)
                .description("remote node " + nodeName).implementation("").servedElsewhere(true).build();
    }

    NodeDirectory directory() {
        return directory;
    }

    PendingReplies pendingReplies() {
        return pending;
    }

    Optional<RequestResponder> responder(String nodeName) {
        return Optional.ofNullable(responders.get(nodeName));
    }

    @Override
    public void close() {
        if (sweep != null) {
            sweep.cancel(false);
        }
        for (int i = loops.size() - 1; i >= 0; i--) {
            try {
                loops.get(i).close(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                log.warn("closing {} failed: {}", loops.get(i), e.toString());
            }
        }
        loops.clear();
    }

}
