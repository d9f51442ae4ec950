package io.onex.runtime.kafka;

import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.EventSource;
import io.onex.api.OutboundEvent;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.payload.PayloadSchemas;
import io.onex.runtime.tracing.TraceHeaders;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka {@link EventPublisher}: wraps events in the ONEX envelope and sends them with the given producer
 * (configured by {@link KafkaClientProperties#producer}: idempotent, {@code acks=all}).
 *
 * <p>Record key: the event's partition key, else its correlation id. Headers: {@code event_id}, {@code event_type},
 * {@code correlation_id}, {@code content-type: application/json}, then the event's own headers (WIRE.md), and the
 * sender's W3C trace context when it has one ({@link TraceHeaders}: one {@code traceparent}, never two). Every
 * failure, including a synchronous one from {@code send} (serialization, buffer exhausted, closed producer, unknown
 * topic reference), comes back as a failed stage, never as a throw. A payload that does not satisfy its topic's
 * {@link PayloadSchemas schema} is not sent: the stage fails with a (non-retryable) {@code InvalidInputException}
 * naming each field and rule. Thread-safe; does not own the producer.
 */
public final class KafkaEventPublisher implements EventPublisher {

    /** Header names written on every record. */
    public static final String HEADER_EVENT_ID = "event_id";
    public static final String HEADER_EVENT_TYPE = "event_type";
    public static final String HEADER_CORRELATION_ID = "correlation_id";
    public static final String HEADER_CONTENT_TYPE = "content-type";
    public static final String CONTENT_TYPE_JSON = "application/json";

    private static final byte[] CONTENT_TYPE_JSON_BYTES = CONTENT_TYPE_JSON.getBytes(StandardCharsets.UTF_8);

    private final Producer<byte[], byte[]> producer;
    private final EnvelopeCodec codec;
    private final EventSource source;
    private final Map<String, Object> metadata;
    private final Function<String, String> topicResolver;
    private final Clock clock;
    private final PayloadSchemas payloadSchemas;
    private final KafkaFlowMetrics flow;

    /**
     * @param producer the producer (not closed by this publisher)
     * @param codec the envelope codec
     * @param source the envelope's {@code source} for events this publisher creates
     * @param metadata the envelope's {@code metadata} for events this publisher creates (environment, node version)
     * @param topicResolver turns an event's topic (full name or ONEX reference) into the topic to write to
     * @param clock the clock for envelope timestamps
     */
    public KafkaEventPublisher(Producer<byte[], byte[]> producer, EnvelopeCodec codec, EventSource source,
            Map<String, Object> metadata, Function<String, String> topicResolver, Clock clock) {
        this(producer, codec, source, metadata, topicResolver, clock, PayloadSchemas.none());
    }

    /**
     * As {@link #KafkaEventPublisher(Producer, EnvelopeCodec, EventSource, Map, Function, Clock)}, checking payloads
     * against their topic's schema before sending.
     *
     * @param payloadSchemas the schemas per full topic name
     */
    public KafkaEventPublisher(Producer<byte[], byte[]> producer, EnvelopeCodec codec, EventSource source,
            Map<String, Object> metadata, Function<String, String> topicResolver, Clock clock,
            PayloadSchemas payloadSchemas) {
        this.payloadSchemas = Objects.requireNonNull(payloadSchemas, "payloadSchemas");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.source = Objects.requireNonNull(source, "source");
        this.metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.topicResolver = Objects.requireNonNull(topicResolver, "topicResolver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.flow = KafkaFlowMetrics.none();
    }

    private KafkaEventPublisher(KafkaEventPublisher from, KafkaFlowMetrics flow) {
        this.payloadSchemas = from.payloadSchemas;
        this.producer = from.producer;
        this.codec = from.codec;
        this.source = from.source;
        this.metadata = from.metadata;
        this.topicResolver = from.topicResolver;
        this.clock = from.clock;
        this.flow = Objects.requireNonNull(flow, "flow");
    }

    /**
     * This publisher, counting what it sends in {@code kf_messages_produced_total{topic}} and
     * {@code kf_produce_latency_sec{topic}} ({@link KafkaFlowMetrics}).
     *
     * @param flow where to count
     * @return a publisher like this one that counts
     */
    public KafkaEventPublisher meteredBy(KafkaFlowMetrics flow) {
        return new KafkaEventPublisher(this, flow);
    }

    /** The publisher's metadata with an event's own entries added (the event's win). */
    private Map<String, Object> withEventMetadata(Map<String, Object> eventMetadata) {
        Map<String, Object> merged = new LinkedHashMap<>(metadata);
        merged.putAll(eventMetadata);
        return merged;
    }

    @Override
    public CompletionStage<DeliveryReceipt> publish(OutboundEvent event) {
        try {
            String topic = resolve(event.topic());
            String correlationId = event.correlationId() != null ? event.correlationId() : UUID.randomUUID().toString();
            // the canonical constructor rather than EventEnvelope.create: create() copies payload and metadata once
            // more before the constructor's own defensive copy, and this is the hot path
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), event.eventType(), correlationId,
                    event.causationId(), clock.instant(), EventEnvelope.CURRENT_VERSION, source,
                    event.metadata().isEmpty() ? metadata : withEventMetadata(event.metadata()), event.payload(),
                    Map.of());
            String key = event.partitionKey() != null ? event.partitionKey() : correlationId;
            CompletableFuture<DeliveryReceipt> result = new CompletableFuture<>();
            send(topic, key, envelope, event.headers(),
                    new Delivery(envelope.eventId(), completing(result), flow, null));
            return result;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String partitionKey, EventEnvelope envelope) {
        return publishEnvelope(topic, partitionKey, envelope, Map.of());
    }

    /**
     * Sends an already built envelope with extra record headers (after the four of WIRE.md). For callers that need
     * the envelope itself, e.g. to dead-letter exactly what they tried to send.
     *
     * @param topic the topic (full name or ONEX reference)
     * @param partitionKey the record key, or null to use the envelope's correlation id
     * @param envelope the envelope
     * @param headers extra record headers (never null)
     * @return the delivery confirmation
     */
    public CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String partitionKey, EventEnvelope envelope,
            Map<String, String> headers) {
        CompletableFuture<DeliveryReceipt> result = new CompletableFuture<>();
        publishEnvelope(topic, partitionKey, envelope, headers, completing(result));
        return result;
    }

    private static DeliveryCallback completing(CompletableFuture<DeliveryReceipt> result) {
        return (receipt, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(receipt);
            }
        };
    }

    /**
     * As {@link #publishEnvelope(String, String, EventEnvelope, Map)}, reporting to a callback instead of a stage:
     * for callers on a hot path that complete a stage of their own anyway, the stage in between and its completion
     * hop are saved; and the callback runs off the producer's I/O thread ({@link DeliveryHandOff}), so that what it
     * does (a node call's whole verdict) does not hold up the next batch. The send's own metrics
     * ({@link #meteredBy}) are still taken on the I/O thread, when the broker's answer arrives.
     *
     * @param topic the topic (full name or ONEX reference)
     * @param partitionKey the record key, or null to use the envelope's correlation id
     * @param envelope the envelope
     * @param headers extra record headers (never null)
     * @param callback called exactly once: on the {@link DeliveryHandOff#shared() delivery hand-off} thread when the
     *     broker answered, or on the calling thread when the send failed before reaching the producer's buffer (on
     *     the hand-off thread of {@link ProducerThreadHandOff} when called on a producer's I/O thread); where no
     *     producer I/O thread reports (a {@code MockProducer}), on the thread that completes the send
     */
    public void publishEnvelope(String topic, String partitionKey, EventEnvelope envelope, Map<String, String> headers,
            DeliveryCallback callback) {
        Objects.requireNonNull(callback, "callback");
        Delivery delivery;
        try {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(envelope, "envelope");
            delivery = new Delivery(envelope.eventId(), callback, flow, DeliveryHandOff.shared());
        } catch (RuntimeException e) {
            callback.onDelivery(null, e);
            return;
        }
        try {
            String key = partitionKey != null ? partitionKey : envelope.correlationId();
            send(resolve(topic), key, envelope, headers, delivery);
        } catch (RuntimeException e) {
            // KafkaProducer may also have called the callback for the same error; the first report wins
            delivery.onCompletion(null, e);
        }
    }

    /** Where {@link #publishEnvelope(String, String, EventEnvelope, Map, DeliveryCallback)} reports. */
    @FunctionalInterface
    public interface DeliveryCallback {
        /**
         * @param receipt where the record landed, or null when it failed
         * @param error why it failed, or null
         */
        void onDelivery(DeliveryReceipt receipt, Throwable error);
    }

    private String resolve(String topic) {
        String resolved = topicResolver.apply(topic);
        if (resolved == null || resolved.isEmpty()) {
            throw new IllegalArgumentException("topic '" + topic + "' resolved to no topic name");
        }
        return resolved;
    }

    private void send(String topic, String key, EventEnvelope envelope, Map<String, String> extraHeaders,
            Delivery delivery) {
        payloadSchemas.check(topic, envelope.payload()); // every publish path passes here; its callers fail the stage
        Context trace = Context.current(); // the sender's, before any hand-off to another thread
        if (ProducerThreadHandOff.onKafkaThread()) {
            // chained onto another delivery: sending here could stall the producer (see ProducerThreadHandOff)
            ProducerThreadHandOff.send(() -> {
                try {
                    encodeAndSend(topic, key, envelope, extraHeaders, trace, delivery);
                } catch (RuntimeException e) {
                    delivery.onCompletion(null, e);
                }
            });
        } else {
            encodeAndSend(topic, key, envelope, extraHeaders, trace, delivery);
        }
    }

    private void encodeAndSend(String topic, String key, EventEnvelope envelope, Map<String, String> extraHeaders,
            Context trace, Delivery delivery) {
        byte[] value = codec.encode(envelope);
        Header[] headers = new Header[4 + extraHeaders.size()];
        headers[0] = new RecordHeader(HEADER_EVENT_ID, utf8(envelope.eventId()));
        headers[1] = new RecordHeader(HEADER_EVENT_TYPE, utf8(envelope.eventType()));
        headers[2] = new RecordHeader(HEADER_CORRELATION_ID, utf8(envelope.correlationId()));
        headers[3] = new RecordHeader(HEADER_CONTENT_TYPE, CONTENT_TYPE_JSON_BYTES);
        int i = 4;
        for (Map.Entry<String, String> h : extraHeaders.entrySet()) {
            headers[i++] = new RecordHeader(h.getKey(), h.getValue() == null ? null : utf8(h.getValue()));
        }
        RecordHeaders recordHeaders = new RecordHeaders(headers);
        TraceHeaders.inject(trace, recordHeaders); // one traceparent: the sender's context replaces the event's own
        producer.send(new ProducerRecord<>(topic, null, utf8(key), value, recordHeaders), delivery);
    }

    /** The producer's callback of one send: turns record metadata into a receipt, and reports once. */
    private static final class Delivery implements Callback {
        private static final AtomicIntegerFieldUpdater<Delivery> REPORTED =
                AtomicIntegerFieldUpdater.newUpdater(Delivery.class, "reported");

        private final String eventId;
        private final DeliveryCallback callback;
        private final KafkaFlowMetrics flow;
        /** Where the callback runs when the I/O thread reports; null: on the reporting thread. */
        private final DeliveryHandOff handOff;
        private final long startNanos;
        private volatile int reported;

        Delivery(String eventId, DeliveryCallback callback, KafkaFlowMetrics flow, DeliveryHandOff handOff) {
            this.eventId = eventId;
            this.callback = callback;
            this.flow = flow;
            this.handOff = handOff;
            this.startNanos = flow.isEnabled() ? System.nanoTime() : 0L;
        }

        @Override
        public void onCompletion(RecordMetadata md, Exception error) {
            if (!REPORTED.compareAndSet(this, 0, 1)) {
                return;
            }
            DeliveryReceipt receipt = null;
            if (error == null) {
                if (flow.isEnabled()) {
                    flow.produced(md.topic(), System.nanoTime() - startNanos);
                }
                receipt = new DeliveryReceipt(md.topic(), md.partition(), md.offset(), eventId);
            }
            if (handOff == null) {
                callback.onDelivery(receipt, error);
            } else {
                DeliveryReceipt r = receipt;
                handOff.run(() -> callback.onDelivery(r, error));
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
