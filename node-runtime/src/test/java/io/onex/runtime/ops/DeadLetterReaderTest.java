package io.onex.runtime.ops;

import static io.onex.runtime.ops.DeadLetterFixtures.T;
import static io.onex.runtime.ops.DeadLetterFixtures.consumed;
import static io.onex.runtime.ops.DeadLetterFixtures.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.runtime.deadletter.DeadLetterHeaders;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterReaderTest {

    private static final String TOPIC = "dev.omninode_bridge.onex.evt.stamp-requested.v1";

    private final DeadLetterReader reader = new DeadLetterReader(new EnvelopeCodec());

    @Test
    void aLetterOfTheRuntimeShowsItsErrorOriginAndOriginalEnvelopeWithSecretsMasked() {
        EventEnvelope original = envelope("STAMP_REQUESTED", "corr-1", Map.of("file", "a.txt", "api_token", "t0p"));
        ProducerRecord<byte[], byte[]> letter = DeadLetterFixtures.letter(TOPIC, 41, original,
                new IllegalStateException("stamp service said 503, password=hunter2"), null);

        DeadLetterView v = reader.read(consumed(letter, 5, T));

        assertThat(v.position()).isEqualTo(TOPIC + ".dlq[0]@5");
        assertThat(v.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(v.errorMessage()).isEqualTo("stamp service said 503, password=***");
        assertThat(v.originalTopic()).isEqualTo(TOPIC);
        assertThat(v.originalPartition()).contains(0);
        assertThat(v.originalOffset()).contains(41L);
        assertThat(v.attempts()).isEqualTo(3);
        assertThat(v.nodeId()).contains("stamper-1");
        assertThat(v.replayCount()).isZero();
        assertThat(v.eventId()).contains(original.eventId());
        assertThat(v.eventType()).contains("STAMP_REQUESTED");
        assertThat(v.correlationId()).contains("corr-1");
        assertThat(v.source()).containsEntry("service", "omninode_bridge").containsEntry("node_id", "stamper-1");
        assertThat(v.payload()).containsEntry("file", "a.txt").containsEntry("api_token", "***");
        assertThat(v.raw()).isEmpty();
    }

    @Test
    void aReplayedLetterCarriesTheReplayCountOfTheRecordThatFailedAgain() {
        RecordHeaders consumedHeaders = new RecordHeaders();
        consumedHeaders.add(DeadLetterHeaders.REPLAY_COUNT, "2".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<byte[], byte[]> letter = DeadLetterFixtures.letter(TOPIC, 1,
                envelope("STAMP_REQUESTED", "corr-1", Map.of()), new IllegalStateException("again"), consumedHeaders);

        assertThat(reader.read(consumed(letter, 0, T)).replayCount()).isEqualTo(2);
    }

    @Test
    void anOriginalThatWasNotAnEnvelopeIsShownAsEscapedBytes() {
        ProducerRecord<byte[], byte[]> letter = DeadLetterFixtures.rawLetter(TOPIC,
                "\u001b[2Jboom".getBytes(StandardCharsets.UTF_8), new IllegalArgumentException("not JSON"));

        DeadLetterView v = reader.read(consumed(letter, 0, T));

        assertThat(v.errorType()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(v.eventId()).isEmpty();
        assertThat(v.raw()).contains("\\x1b[2Jboom");
    }

    @Test
    void somethingElseOnADeadLetterTopicHasAnUnknownErrorAndItsBytesEscaped() {
        ProducerRecord<byte[], byte[]> garbage = new ProducerRecord<>(TOPIC + ".dlq", 0, null,
                "\u0000garbage".getBytes(StandardCharsets.UTF_8));

        DeadLetterView v = reader.read(consumed(garbage, 0, T));

        assertThat(v.errorType()).isEqualTo("?");
        assertThat(v.originalTopic()).isEqualTo("?");
        assertThat(v.raw()).contains("\\x00garbage");
    }
}
