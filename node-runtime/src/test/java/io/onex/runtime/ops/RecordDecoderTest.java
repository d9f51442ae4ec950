package io.onex.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.contract.RetrySpec;
import io.onex.runtime.deadletter.DeadLetter;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.kafka.RecordOrigin;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

    private static final String TOPIC = "dev.omninode_bridge.onex.evt.stamp-requested.v1";
    private static final Instant T = Instant.parse("2026-12-06T04:00:00Z");

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final RecordDecoder decoder = new RecordDecoder(codec);
    private final TailRenderer renderer = new TailRenderer(codec.mapper());
    private final EventEnvelope envelope = EventEnvelope.create("STAMP_REQUESTED", "corr-1", null, T,
            new EventSource("omninode_bridge", "effect", "stamper-1"), Map.of(),
            Map.of("file", "a.txt", "db_password", "hunter2", "url", "postgres://onex:topsecret@db:5432/onex"));

    static ConsumerRecord<byte[], byte[]> consumed(ProducerRecord<byte[], byte[]> r, long offset) {
        return new ConsumerRecord<>(r.topic(), 0, offset, T.toEpochMilli(), TimestampType.CREATE_TIME, -1, -1,
                r.key(), r.value(), r.headers() == null ? new RecordHeaders() : r.headers(), Optional.empty());
    }

    private static ConsumerRecord<byte[], byte[]> consumed(String topic, byte[] key, byte[] value) {
        return consumed(new ProducerRecord<>(topic, null, key, value), 7);
    }

    @Test
    void anEnvelopeShowsItsTypeTimeCorrelationAndPayloadWithSecretsMasked() {
        RecordView v = decoder.decode(consumed(TOPIC, "k1".getBytes(StandardCharsets.UTF_8), codec.encode(envelope)));

        assertThat(v.kind()).isEqualTo(RecordView.Kind.ENVELOPE);
        assertThat(v.eventType()).contains("STAMP_REQUESTED");
        assertThat(v.eventTime()).contains(T);
        assertThat(v.correlationId()).contains("corr-1");
        assertThat(v.key()).isEqualTo("k1");
        assertThat(v.payload()).containsEntry("file", "a.txt").containsEntry("db_password", "***")
                .containsEntry("url", "postgres://onex:***@db:5432/onex");
        assertThat(renderer.json(v)).doesNotContain("hunter2", "topsecret");
    }

    @Test
    void aDeadLetterOfTheRuntimeShowsItsErrorOriginAndOriginalEvent() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        MutableClock clock = MutableClock.atEpochSecond(T.getEpochSecond());
        new DeadLetterRouter(producer, codec.mapper(), clock, new ManualScheduler(clock),
                new RetrySpec(1, Duration.ofMillis(10), 2.0, Duration.ofSeconds(1), 0, List.of(), List.of()),
                new SimpleMeterRegistry())
                .route(DeadLetter.builder(new RecordOrigin(TOPIC, 2, 41L, null, null, null),
                                new IllegalStateException("stamp service said 503"))
                        .originalEnvelope(envelope).retryCount(3)
                        .nodeId("stamper-1").correlationId("corr-1").build());

        RecordView v = decoder.decode(consumed(producer.history().get(0), 0));

        assertThat(v.kind()).isEqualTo(RecordView.Kind.DEAD_LETTER);
        assertThat(v.topic()).isEqualTo(TOPIC + ".dlq");
        assertThat(v.error()).contains("java.lang.IllegalStateException: stamp service said 503");
        assertThat(v.deadLetterOrigin()).contains(TOPIC + "[2]@41, 3 attempt(s), node stamper-1");
        assertThat(v.eventType()).contains("STAMP_REQUESTED");
        assertThat(v.correlationId()).contains("corr-1");
        assertThat(renderer.line(v)).contains("  dlq  STAMP_REQUESTED  corr-1  corr-1  error"
                + " java.lang.IllegalStateException: stamp service said 503  from " + TOPIC + "[2]@41");
    }

    @Test
    void garbageBytesAreShownEscapedAndCutWithWhyTheyDoNotDecode() {
        byte[] garbage = new byte[300];
        garbage[0] = 0x1b;
        garbage[1] = '[';
        garbage[2] = '2';
        garbage[3] = 'J';
        garbage[4] = (byte) 0xff;

        RecordView v = decoder.decode(consumed(TOPIC, new byte[] {0x07}, garbage));

        assertThat(v.kind()).isEqualTo(RecordView.Kind.UNDECODABLE);
        assertThat(v.problem().orElseThrow()).startsWith("record value is not valid JSON");
        assertThat(v.raw().orElseThrow()).startsWith("\\x1b[2J\\xff\\x00\\x00").endsWith("…(+180 bytes)");
        assertThat(v.key()).isEqualTo("\\x07");
        String line = renderer.line(v);
        assertThat(line.codePoints()).noneMatch(Character::isISOControl);
        assertThat(renderer.json(v).codePoints()).noneMatch(Character::isISOControl);
    }

    @Test
    void aDeadLetterTopicHoldingSomethingElseIsShownAsUndecodable() {
        RecordView v = decoder.decode(consumed(TOPIC + ".dlq", null, "not json".getBytes(StandardCharsets.UTF_8)));

        assertThat(v.kind()).isEqualTo(RecordView.Kind.UNDECODABLE);
        assertThat(v.raw()).contains("not json");
        assertThat(v.key()).isNull();
    }

    @Test
    void theTableAlignsColumnsAndSummarisesThePayload() {
        RecordView v = decoder.decode(consumed(TOPIC, "k1".getBytes(StandardCharsets.UTF_8), codec.encode(envelope)));

        String table = renderer.table(List.of(v));

        assertThat(table.lines().toList()).hasSize(2);
        assertThat(table.lines().findFirst().orElseThrow())
                .matches("RECORD +TIME +KIND +EVENT-TYPE +CORRELATION-ID +KEY +DETAIL");
        assertThat(table.lines().skip(1).findFirst().orElseThrow()).startsWith(TOPIC + "[0]@7  2026-12-06T04:00:00Z"
                + "  envelope  STAMP_REQUESTED  corr-1          k1   {").contains("\"file\":\"a.txt\"");
    }
}
