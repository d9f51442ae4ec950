package io.onex.client;

import com.google.protobuf.Message;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onex.api.DeliveryReceipt;
import io.onex.api.EventSource;
import io.onex.api.OutboundEvent;
import io.onex.api.contract.ResilienceSpec;
import io.onex.client.internal.HandlerNode;
import io.onex.client.internal.TypedRecordHandler;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.ConsumerLoop;
import io.onex.runtime.kafka.EmbeddedBroker;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.KafkaEventPublisher;
import io.onex.runtime.kafka.ProducerThreadHandOff;
import io.onex.runtime.kafka.TopicProvisioner;
import io.onex.runtime.pipeline.NodeInvoker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import io.onex.runtime.tracing.TraceHeaders;
import io.opentelemetry.context.Context;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Produce and subscribe without writing a node and a contract: the runtime's publisher, consumer loop, pipeline
 * (retry, breaker, timeout) and dead-letter router behind two calls, with values (de)serialised by a topic → type
 * map ({@link TopicTypes}: ONEX envelope JSON, plain JSON or protobuf).
 *
 * <pre>{@code
 * try (OnexClient client = OnexClient.builder().topicTypes(types).build()) {
 *     client.produce("onex.evt.order-placed.v1", new OrderPlaced("o-1", 3), "o-1");
 *     client.subscribe("billing", List.of("onex.evt.order-placed.v1"), msg -> bill(msg.value(OrderPlaced.class)));
 * }
 * }</pre>
 *
 * <p>Settings come from the runtime's environment table ({@link RuntimeConfig}, {@code KAFKA_BOOTSTRAP_SERVERS} and
 * the rest). Thread-safe. {@link #close()} closes the subscriptions (each commits what it handled), flushes the
 * producer, then releases the rest.
 */
public final class OnexClient implements AutoCloseable {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final RuntimeConfig config;
    private final EmbeddedBroker embeddedBroker;
    private final boolean createTopics;
    private final String clientId;
    private final TopicTypes types;
    private final ResilienceSpec resilience;
    private final int maxInFlight;
    private final Duration closeTimeout;
    private final MeterRegistry meterRegistry;
    private static final int MAX_CACHED_TOPICS = 10_000;
    private final ClientMetrics metrics;
    /** Topic names resolved once: resolving checks and splits the name, a cost per record on the sending thread. */
    private final java.util.concurrent.ConcurrentHashMap<String, String> resolvedTopics =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final TopicCodec codec;
    private final Clock clock;
    private final Producer<byte[], byte[]> producer;
    private final KafkaEventPublisher publisher;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService handlerThreads;
    private final DeadLetterRouter deadLetters;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicInteger subscriptionCount = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private OnexClient(OnexClientBuilder b, RuntimeConfig config, EmbeddedBroker embeddedBroker) {
        this.config = config;
        this.embeddedBroker = embeddedBroker;
        this.createTopics = config.createTopics().orElse(embeddedBroker != null);
        this.clientId = b.clientId != null ? b.clientId : config.serviceName() + "-client";
        this.types = b.types.renamed(config::resolveTopic);
        this.resilience = b.resilience;
        this.maxInFlight = b.maxInFlight;
        this.closeTimeout = b.closeTimeout;
        this.meterRegistry = b.meterRegistry != null ? b.meterRegistry
                : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = new ClientMetrics(meterRegistry);
        this.clock = b.clock;
        EnvelopeCodec envelopeCodec = new EnvelopeCodec();
        this.codec = new TopicCodec(envelopeCodec);
        this.producer = new KafkaProducer<>(KafkaClientProperties.producer(config.kafkaClientProperties(), clientId,
                config.compressionType()));
        this.publisher = new KafkaEventPublisher(producer, envelopeCodec,
                new EventSource(config.serviceName(), "client", clientId), Map.of("environment", config.env()),
                config::resolveTopic, clock);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon(clientId + "-scheduler"));
        this.handlerThreads = Executors.newFixedThreadPool(b.handlerThreads, daemon(clientId + "-handler"));
        this.deadLetters = new DeadLetterRouter(producer, envelopeCodec.mapper(), clock, scheduler,
                OnexClientBuilder.DEAD_LETTER_WRITE_RETRY, meterRegistry);
    }

    /** Starts a builder; settings default to the environment ({@link RuntimeConfig#fromEnvironment}). */
    public static OnexClientBuilder builder() {
        return new OnexClientBuilder();
    }

    static OnexClient create(OnexClientBuilder b) {
        RuntimeConfig config = b.config != null ? b.config : RuntimeConfig.fromEnvironment(System.getenv());
        EmbeddedBroker broker = null;
        if (config.bootstrapServers().isEmpty()) {
            if (!b.embeddedBrokerWhenUnset) {
                throw new IllegalStateException("KAFKA_BOOTSTRAP_SERVERS is not set: set it, or ask for an embedded"
                        + " broker with OnexClient.builder().embeddedBrokerWhenUnset()");
            }
            broker = EmbeddedBroker.start();
            config = config.withBootstrapServers(broker.bootstrapServers());
        }
        return new OnexClient(b, config, broker);
    }

    /** As {@link #produce(String, Object, String)} with no key (ONEX topics then key by correlation id). */
    public CompletionStage<DeliveryReceipt> produce(String topic, Object value) {
        return produce(topic, value, null);
    }

    /**
     * Sends one value, encoded as its topic's {@link TopicType} says; a topic not in the map takes protobuf messages
     * as protobuf and anything else as the payload of an ONEX envelope (event type: the value's class name in
     * UPPER_SNAKE_CASE). Retries are the producer's (idempotent, {@code acks=all}, within its delivery timeout).
     *
     * @param topic an ONEX reference or a full topic name
     * @param value the value (not null)
     * @param key the record key, or null
     * @return completes with where the record landed; exceptionally when it cannot be encoded or sent
     */
    public CompletionStage<DeliveryReceipt> produce(String topic, Object value, String key) {
        long start = System.nanoTime();
        try {
            Objects.requireNonNull(value, "value");
            checkOpen();
            String full = resolved(topic);
            TopicType type = types.asMap().containsKey(full) ? types.typeOf(full)
                    : value instanceof Message ? new TopicType(Wire.PROTOBUF, value.getClass()) : TopicType.onexDefault();
            CompletionStage<DeliveryReceipt> sent = type.wire() == Wire.ONEX_JSON
                    ? publisher.publish(OutboundEvent.builder(full, eventType(value))
                            .payload(codec.toPayload(value)).partitionKey(key).build())
                    : sendRaw(full, key, type.wire(), codec.encodeRaw(type.wire(), value));
            return sent.whenComplete((receipt, error) -> {
                if (error == null) {
                    metrics.produced(full, System.nanoTime() - start);
                }
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * As {@link #subscribe(String, List, TopicTypes, MessageHandler)} with the client's own topic → type map.
     */
    public Subscription subscribe(String group, List<String> topics, MessageHandler handler) {
        return subscribe(group, topics, TopicTypes.none(), handler);
    }

    /**
     * Consumes topics in a consumer group and hands each record, decoded by its topic's type, to the handler: at
     * most {@code maxInFlight} at once; a handler's failure is retried by the client's {@link ResilienceSpec} and
     * dead-lettered to {@code <topic>.dlq} when every attempt failed; a record that does not decode as its type
     * is dead-lettered with the type named. An offset is committed only once its record was handled or
     * dead-lettered.
     *
     * @param group the consumer group
     * @param topics ONEX references or full topic names
     * @param topicTypes the types of these topics; overrides the client's map for the topics it names
     * @param handler takes every decoded message
     * @return the running subscription
     */
    public Subscription subscribe(String group, List<String> topics, TopicTypes topicTypes, MessageHandler handler) {
        checkOpen();
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(handler, "handler");
        if (topics == null || topics.isEmpty()) {
            throw new IllegalArgumentException("subscribe needs at least one topic");
        }
        List<String> full = topics.stream().map(config::resolveTopic).toList();
        TopicTypes merged = merge(topicTypes.renamed(config::resolveTopic));
        ensureTopics(full);
        String name = group + "-" + subscriptionCount.incrementAndGet();
        NodeInvoker invoker = NodeInvoker.builder()
                .contract(SubscriberContracts.of(group, full, handler, resilience))
                .node(new HandlerNode(handler, handlerThreads))
                .nodeId(clientId + "-" + name)
                .publisher(publisher)
                .deadLetterRouter(deadLetters)
                .topicResolver(config::resolveTopic)
                .mapper(codec.mapper())
                .clock(clock)
                .scheduler(scheduler)
                .meterRegistry(meterRegistry)
                .build();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientProperties.consumer(
                config.kafkaClientProperties(), group, clientId + "-" + name, config.maxPollRecords(),
                config.sessionTimeoutMs(), config.autoOffsetReset()));
        ConsumerLoop loop = ConsumerLoop.builder(name, consumer)
                .topics(full)
                .handler(new TypedRecordHandler(merged, codec, invoker, deadLetters))
                .gate(invoker.flowGate())
                .maxInFlight(maxInFlight)
                .meterRegistry(meterRegistry)
                .build();
        Subscription subscription = new Subscription(group, full, loop, closeTimeout);
        subscriptions.add(subscription);
        loop.start();
        return subscription;
    }

    /** Where the client's meters are ({@link ClientMetrics}; a Prometheus registry unless given another). */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** The settings in force (bootstrap servers of the embedded broker when one was started). */
    public RuntimeConfig config() {
        return config;
    }

    /** Closes the subscriptions (each commits what it handled), flushes the producer, then the rest. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        subscriptions.forEach(Subscription::close);
        producer.flush();
        handlerThreads.shutdown();
        scheduler.shutdown();
        try {
            handlerThreads.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(closeTimeout);
        if (embeddedBroker != null) {
            embeddedBroker.close();
        }
    }

    private String resolved(String topic) {
        String full = resolvedTopics.get(topic);
        if (full == null) {
            full = config.resolveTopic(topic); // throws for an illegal name: nothing is cached then
            if (resolvedTopics.size() < MAX_CACHED_TOPICS) {
                resolvedTopics.put(topic, full);
            }
        }
        return full;
    }

    private CompletionStage<DeliveryReceipt> sendRaw(String topic, String key, Wire wire, byte[] value) {
        CompletableFuture<DeliveryReceipt> result = new CompletableFuture<>();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value,
                List.of(new RecordHeader(KafkaEventPublisher.HEADER_CONTENT_TYPE,
                        wire.contentType().getBytes(StandardCharsets.UTF_8))));
        TraceHeaders.inject(Context.current(), record.headers()); // the caller's trace context, as on envelopes
        Runnable send = () -> {
            try {
                producer.send(record, (md, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        result.complete(new DeliveryReceipt(md.topic(), md.partition(), md.offset(), null));
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        if (ProducerThreadHandOff.onKafkaThread()) {
            ProducerThreadHandOff.send(send); // a send chained onto another delivery could stall the producer
        } else {
            send.run();
        }
        return result;
    }

    private TopicTypes merge(TopicTypes own) {
        TopicTypes.Builder b = TopicTypes.builder();
        Set<String> named = own.asMap().keySet();
        types.asMap().forEach((t, type) -> {
            if (!named.contains(t)) {
                b.put(t, type);
            }
        });
        own.asMap().forEach(b::put);
        return b.build();
    }

    private void ensureTopics(List<String> topics) {
        if (!createTopics) {
            return;
        }
        Set<String> wanted = new LinkedHashSet<>(topics);
        topics.forEach(t -> wanted.add(t + TopicProvisioner.DLQ_SUFFIX));
        try (Admin admin = Admin.create(KafkaClientProperties.admin(config.kafkaClientProperties()))) {
            new TopicProvisioner(admin, config.topicPartitions(), config.replicationFactor(), config.compressionType())
                    .ensureTopics(new ArrayList<>(wanted), TOPIC_TIMEOUT);
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("client " + clientId + " is closed");
        }
    }

    static String eventType(Object value) {
        if (value instanceof Map<?, ?>) {
            return "MESSAGE";
        }
        return value.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
