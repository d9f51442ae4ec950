package io.onex.runtime.ops;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.contract.RetrySpec;
import io.onex.runtime.deadletter.DeadLetter;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.RecordOrigin;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Dead letters as the runtime's {@link DeadLetterRouter} writes them, for the DLQ verbs' tests. */
public final class DeadLetterFixtures {

    public static final Instant T = Instant.parse("2026-12-06T04:00:00Z");
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    private DeadLetterFixtures() {
    }

    public static EventEnvelope envelope(String type, String correlationId, Map<String, Object> payload) {
        return EventEnvelope.create(type, correlationId, null, T, new EventSource("omninode_bridge", "effect",
                "stamper-1"), Map.of(), payload);
    }

    /**
     * The record the router writes for an envelope consumed from {@code topic} that failed with {@code failure}.
     *
     * @param headers the consumed record's headers (null: none)
     */
    public static ProducerRecord<byte[], byte[]> letter(String topic, long originalOffset, EventEnvelope original,
            Throwable failure, Headers headers) {
        return route(DeadLetter.builder(new RecordOrigin(topic, 0, originalOffset, null, headers, null), failure)
                .originalEnvelope(original).retryCount(3).nodeId("stamper-1")
                .correlationId(original.correlationId()).build());
    }

    /** The record the router writes for bytes consumed from {@code topic} that were not an envelope. */
    public static ProducerRecord<byte[], byte[]> rawLetter(String topic, byte[] value, Throwable failure) {
        return route(DeadLetter.builder(new RecordOrigin(topic, 0, 0L, null, null, value), failure)
                .retryCount(1).nodeId("stamper-1").build());
    }

    private static ProducerRecord<byte[], byte[]> route(DeadLetter letter) {
        MockProducer<byte[], byte[]> mock =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        MutableClock clock = MutableClock.atEpochSecond(T.getEpochSecond());
        new DeadLetterRouter(mock, CODEC.mapper(), clock, new ManualScheduler(clock),
                new RetrySpec(1, Duration.ofMillis(10), 2.0, Duration.ofSeconds(1), 0, List.of(), List.of()),
                new SimpleMeterRegistry()).route(letter);
        ProducerRecord<byte[], byte[]> r = mock.history().get(0);
        return new ProducerRecord<>(r.topic(), 0, r.key(), r.value(), r.headers());
    }

    /** The record as a consumer reads it at {@code offset}, written at {@code time}. */
    public static ConsumerRecord<byte[], byte[]> consumed(ProducerRecord<byte[], byte[]> r, long offset, Instant time) {
        return new ConsumerRecord<>(r.topic(), 0, offset, time.toEpochMilli(), TimestampType.CREATE_TIME, -1, -1,
                r.key(), r.value(), r.headers() == null ? new RecordHeaders() : r.headers(), Optional.empty());
    }
}
