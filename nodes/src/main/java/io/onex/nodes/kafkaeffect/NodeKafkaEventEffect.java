package io.onex.nodes.kafkaeffect;

import com.google.inject.name.Named;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.api.AttemptedEvent;
import io.onex.api.DeliveryReceipt;
import io.onex.api.EffectNode;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeContext;
import io.onex.api.NonRetryableException;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.deadletter.DeadLetter;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.inject.KafkaModule;
import io.onex.runtime.inject.NodeModule;
import io.onex.runtime.kafka.ProducerTuning;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.KafkaEventPublisher;
import io.onex.runtime.kafka.KafkaFlowMetrics;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events wrapped in the ONEX envelope: one event, a batch (all-or-nothing in a Kafka transaction when
 * asked), or one event straight to its dead-letter topic; the input's {@code operation} chooses
 * ({@link KafkaEffectOperation}). Topic routing by the configured prefix ({@code {topic_prefix}.{topic}}), key =
 * partition key else correlation id, caller headers passed through (WIRE.md).
 *
 * <p>Retry with backoff, circuit breaker and per-attempt timeout come from the runtime's pipeline, as the contract (or
 * a workflow step's own {@code retry:}) declares. Each attempt tells the pipeline what it sends
 * ({@link NodeContext#deadLetterOnFinalFailure}); if the call fails for good, the pipeline writes those events (all
 * of an atomic batch) to their {@code <topic>.dlq}, once, with the error, the attempt count and the node id.
 * {@code publish_to_dlq} writes through the runtime's {@link DeadLetterRouter} directly.
 *
 * <pre>{@code
 * runtime.call("kafka_event_effect", Map.of("topic", "quality.assessed.v1", "event_type", "QUALITY_ASSESSED",
 *         "payload", Map.of("quality_score", 0.87)));
 * }</pre>
 */
public final class NodeKafkaEventEffect implements EffectNode<KafkaEventInput, KafkaEventOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(NodeKafkaEventEffect.class);
    private static final int MAX_CACHED_TOPICS = 10_000;

    private final NodeContract contract;
    private final String nodeId;
    private final KafkaEffectConfig config;
    private final Function<String, String> topicResolver;
    private final EventSource source;
    private final Map<String, Object> metadata;
    private final Clock clock;
    private final KafkaEventPublisher publisher;
    private final TransactionalBatchPublisher transactions;
    private final DeadLetterRouter deadLetters;
    private final Consumer<AttemptedEvent> countDeadLettered;
    private final InFlightSends inFlight = new InFlightSends();
    private final EffectMeters meters;
    private final ConcurrentHashMap<String, String> resolvedTopics = new ConcurrentHashMap<>();

    @Inject
    NodeKafkaEventEffect(NodeContract contract, @Named("nodeId") String nodeId, RuntimeConfig runtimeConfig,
            @Named(NodeModule.NODE_PRODUCER) Producer<byte[], byte[]> producer, KafkaModule.ClientFactory clients, EnvelopeCodec codec, Clock clock,
            DeadLetterRouter deadLetters, MeterRegistry registry) {
        this.contract = contract;
        this.nodeId = nodeId;
        this.config = KafkaEffectConfig.from(contract);
        this.topicResolver = runtimeConfig::resolveTopic;
        this.source = new EventSource(runtimeConfig.serviceName(), contract.nodeType().wireName(), nodeId);
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("environment", runtimeConfig.env());
        md.put("node_version", contract.version().toString());
        this.metadata = java.util.Collections.unmodifiableMap(md);
        this.clock = clock;
        KafkaFlowMetrics flow = new KafkaFlowMetrics(registry);
        // topics are resolved here, once, so that a dead letter names the very topic the send was for
        Function<Producer<byte[], byte[]>, KafkaEventPublisher> publishers =
                p -> new KafkaEventPublisher(p, codec, source, metadata, t -> t, clock).meteredBy(flow);
        this.publisher = publishers.apply(producer);
        String transactionalId = "onex-tx-" + nodeId;
        this.transactions = new TransactionalBatchPublisher(
                () -> clients.producer(transactionalProducerProperties(runtimeConfig, transactionalId)), publishers,
                transactionalId);
        this.deadLetters = deadLetters;
        this.meters = new EffectMeters(registry, contract.name(), inFlight::count);
        this.countDeadLettered = event -> meters.deadLettered(false);
    }

    private Map<String, Object> transactionalProducerProperties(RuntimeConfig rc, String transactionalId) {
        // the contract's producer settings apply to its atomic batches too
        Map<String, Object> p = new LinkedHashMap<>(KafkaClientProperties.producer(rc.kafkaClientProperties(),
                transactionalId, ProducerTuning.events(rc).overriddenBy(contract.producer())));
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) config.transactionTimeout().toMillis());
        return p;
    }

    @Override
    public Class<KafkaEventInput> inputType() {
        return KafkaEventInput.class;
    }

    /** Plain single-event maps (every publish of a workflow step or {@code runtime.call}) skip Jackson's conversion. */
    @Override
    public KafkaEventInput convertInput(Map<?, ?> input) {
        return KafkaEventInput.fromPlainMap(input);
    }

    @Override
    public void start(NodeContext context) {
        LOG.info("node {} ({}) ready: topic prefix '{}', dead letters {}", contract.name(), nodeId,
                config.topicPrefix(), contract.deadLetterEnabled() ? "on" : "off");
    }

    /**
     * Publishes what the input asks. The attempts of one call send the same envelopes (same event ids), and a retry
     * starts no send while an earlier attempt's is still pending ({@link CallSends}).
     */
    @Override
    public CompletionStage<KafkaEventOutput> executeEffect(KafkaEventInput input, NodeContext context) {
        try {
            CallSends call = context.callState(CallSends::new);
            return switch (input.operation()) {
                case PUBLISH -> {
                    List<AttemptedEvent> events = call.events(() -> List.of(prepare(input, null, context)));
                    context.deadLetterOnFinalFailure(events, countDeadLettered);
                    yield call.sendUnlessPending(() -> publishOne(events.get(0)));
                }
                case PUBLISH_BATCH -> publishBatch(input, call, context);
                case PUBLISH_TO_DLQ -> {
                    List<AttemptedEvent> events = call.events(() -> List.of(prepareDeadLetter(input, context)));
                    yield call.sendUnlessPending(() -> publishToDeadLetter(events.get(0), input.error()));
                }
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The node's figures now, like the Python node's {@code get_metrics()}. */
    public KafkaEffectMetrics metrics() {
        return meters.snapshot();
    }

    /** The node's settings as read from its contract. */
    public KafkaEffectConfig config() {
        return config;
    }

    /**
     * Waits up to {@code shutdown_timeout} for every send in flight, logs one line naming what was not delivered
     * (event ids and topics; never payloads), and closes the transactional producer.
     */
    @Override
    public void stop() throws InterruptedException {
        Map<String, Long> undelivered = inFlight.awaitDrained(config.shutdownTimeout());
        if (!undelivered.isEmpty()) {
            long total = undelivered.values().stream().mapToLong(Long::longValue).sum();
            meters.undeliveredAtShutdown(total);
            LOG.warn("node {} ({}) stopped with {} event(s) not confirmed by the broker within {} ms, per topic: {}",
                    contract.name(), nodeId, total, config.shutdownTimeout().toMillis(), undelivered);
        }
        transactions.close(config.shutdownTimeout());
    }

    private CompletableFuture<KafkaEventOutput> publishOne(AttemptedEvent event) {
        // one stage of our own, completed from the send's callback: this runs once per event (on the delivery
        // hand-off thread, with the pipeline's verdict after it), so it is kept to the fewest hops
        CompletableFuture<KafkaEventOutput> result = new CompletableFuture<>();
        send(event, (receipt, error) -> {
            if (error == null) {
                result.complete(KafkaEventOutput.delivered(receipt));
            } else {
                result.completeExceptionally(unwrap(error));
            }
        });
        return result;
    }

    private void send(AttemptedEvent e, BiConsumer<DeliveryReceipt, Throwable> done) {
        LongAdder topicInFlight = inFlight.started(e.topic());
        // the callback form: a stage here would add a completion hop per event; and its callback, with all that the
        // completed call runs after it, runs off the producer's I/O thread (DeliveryHandOff)
        publisher.publishEnvelope(e.topic(), e.key(), e.envelope(), e.headers(), (r, error) -> {
            topicInFlight.decrement();
            if (error == null) {
                meters.published();
            } else {
                meters.failed(1);
            }
            done.accept(r, error);
        });
    }

    private CompletableFuture<KafkaEventOutput> sendForResult(AttemptedEvent e) {
        CompletableFuture<KafkaEventOutput> result = new CompletableFuture<>();
        send(e, (r, error) -> result.complete(error == null ? KafkaEventOutput.delivered(r)
                : KafkaEventOutput.failed(e.topic(), e.envelope().eventId(), describe(unwrap(error)))));
        return result;
    }

    private CompletionStage<KafkaEventOutput> publishBatch(KafkaEventInput batch, CallSends call,
            NodeContext context) {
        if (batch.events().isEmpty()) {
            throw new InvalidInputException("events: a publish_batch needs at least one event");
        }
        List<AttemptedEvent> events = call.events(() -> {
            List<AttemptedEvent> prepared = new ArrayList<>(batch.events().size());
            for (int i = 0; i < batch.events().size(); i++) {
                prepared.add(prepare(batch.events().get(i), batch, context, "events[" + i + "]."));
            }
            return prepared;
        });
        if (!batch.atomic()) {
            // reports each event's outcome and never fails the call: nothing to dead-letter
            return call.sendUnlessPending(() -> publishEach(events));
        }
        context.deadLetterOnFinalFailure(events, countDeadLettered);
        return call.sendUnlessPending(() -> publishAtomically(events, context));
    }

    private CompletableFuture<KafkaEventOutput> publishEach(List<AttemptedEvent> events) {
        List<CompletableFuture<KafkaEventOutput>> results = new ArrayList<>(events.size());
        for (AttemptedEvent e : events) {
            results.add(sendForResult(e));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(v -> KafkaEventOutput.batch(results.stream().map(CompletableFuture::join).toList()));
    }

    private CompletableFuture<KafkaEventOutput> publishAtomically(List<AttemptedEvent> events, NodeContext context) {
        List<LongAdder> topicsInFlight = new ArrayList<>(events.size());
        for (AttemptedEvent e : events) {
            topicsInFlight.add(inFlight.started(e.topic()));
        }
        return transactions.publish(events).handle((receipts, error) -> {
            topicsInFlight.forEach(LongAdder::decrement);
            if (error == null) {
                receipts.forEach(r -> meters.published());
                return CompletableFuture.completedFuture(
                        KafkaEventOutput.batch(receipts.stream().map(KafkaEventOutput::delivered).toList()));
            }
            meters.failed(events.size());
            Throwable cause = unwrap(error);
            Throwable sendFailure = cause instanceof AtomicBatchAbortedException && cause.getCause() != null
                    ? cause.getCause() : cause;
            // classified as the send failure inside: one the call's retry policy never retries fails the call at once
            Throwable verdict = cause instanceof AtomicBatchAbortedException && !context.isRetryable(sendFailure)
                    ? new NonRetryableException(cause.getMessage(), cause) : cause;
            return CompletableFuture.<KafkaEventOutput>failedFuture(verdict);
        }).thenCompose(Function.identity()).toCompletableFuture();
    }

    private AttemptedEvent prepareDeadLetter(KafkaEventInput input, NodeContext context) {
        if (input.error() == null || input.error().isBlank()) {
            throw new InvalidInputException("error: required for publish_to_dlq, expected why the event is dead-lettered");
        }
        return prepare(input, null, context);
    }

    private CompletableFuture<KafkaEventOutput> publishToDeadLetter(AttemptedEvent event, String error) {
        DeadLetter letter = DeadLetter.builder(event, new DeadLetterRequestedException(error))
                .retryCount(0).nodeId(nodeId).build();
        return deadLetters.route(letter).thenApply(receipt -> {
            meters.deadLettered(true);
            return KafkaEventOutput.delivered(receipt);
        }).toCompletableFuture();
    }

    private AttemptedEvent prepare(KafkaEventInput in, KafkaEventInput batch, NodeContext context) {
        return prepare(in, batch, context, "");
    }

    private AttemptedEvent prepare(KafkaEventInput in, KafkaEventInput batch, NodeContext context, String field) {
        String topic = in.topic() != null ? in.topic() : batch == null ? null : batch.topic();
        String eventType = in.eventType() != null ? in.eventType() : batch == null ? null : batch.eventType();
        if (topic == null || topic.isBlank()) {
            throw new InvalidInputException(field + "topic: required, expected a topic name such as quality.assessed.v1");
        }
        if (eventType == null || eventType.isBlank()) {
            throw new InvalidInputException(field + "event_type: required, expected e.g. DOCUMENT_INGESTED");
        }
        String correlationId = in.correlationId() != null ? in.correlationId()
                : batch != null && batch.correlationId() != null ? batch.correlationId() : context.correlationId();
        String fullTopic = resolvedTopics.get(topic);
        if (fullTopic == null) {
            try {
                fullTopic = topicResolver.apply(config.route(topic));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(field + "topic: " + e.getMessage(), e);
            }
            // resolution parses the name on every call otherwise; callers use a handful of topics, but bound it anyway
            if (resolvedTopics.size() < MAX_CACHED_TOPICS) {
                resolvedTopics.put(topic, fullTopic);
            }
        }
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), eventType, correlationId,
                context.causationId().orElse(null), clock.instant(), config.eventVersion(), source, metadata,
                in.payload(), Map.of());
        String key = in.partitionKey() != null ? in.partitionKey() : correlationId;
        return new AttemptedEvent(fullTopic, key, envelope, in.headers());
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while (cur instanceof CompletionException && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    private static String describe(Throwable t) {
        return t.getClass().getName() + ": " + t.getMessage();
    }

}
