package io.onex.runtime.ops;

import static io.onex.runtime.ops.DeadLetterFixtures.T;
import static io.onex.runtime.ops.DeadLetterFixtures.consumed;
import static io.onex.runtime.ops.DeadLetterFixtures.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.runtime.envelope.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class RecordFilterTest {

    private static final String TOPIC = "dev.omninode_bridge.onex.evt.a.v1";

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final RecordDecoder decoder = new RecordDecoder(codec);
    private final RecordVariables variables = new RecordVariables(codec);

    private boolean passes(RecordFilter filter, ConsumerRecord<byte[], byte[]> r) {
        return filter.test(variables.of(r, decoder.decode(r)));
    }

    private ConsumerRecord<byte[], byte[]> envelopeRecord(String type, Map<String, Object> payload) {
        return consumed(new ProducerRecord<>(TOPIC, 0, null, codec.encode(envelope(type, "c-1", payload))), 3, T);
    }

    private ConsumerRecord<byte[], byte[]> letterRecord() {
        return consumed(DeadLetterFixtures.letter(TOPIC, 9, envelope("A", "c-2", Map.of("n", 1)),
                new IllegalStateException("disk full"), null), 0, T);
    }

    @Test
    void anEnvelopeOffersItsFieldsAndNullForTheDeadLetterOnes() {
        RecordFilter f = RecordFilter.where("kind == 'envelope' && event_type == 'A' && source.node_id == 'stamper-1'"
                + " && offset == 3 && partition == 0 && error == null && original_topic == null && payload.n == 1");

        assertThat(passes(f, envelopeRecord("A", Map.of("n", 1)))).isTrue();
        assertThat(passes(f, envelopeRecord("B", Map.of("n", 1)))).isFalse();
    }

    @Test
    void aDeadLetterOffersItsErrorOriginAndCounts() {
        RecordFilter f = RecordFilter.where("kind == 'dlq' && error.type == 'java.lang.IllegalStateException'"
                + " && error.message == 'disk full' && original_topic == '" + TOPIC + "' && attempts == 3"
                + " && replay_count == 0 && event_type == 'A' && payload.n == 1");

        assertThat(passes(f, letterRecord())).isTrue();
        assertThat(f.test(new DeadLetterReader(codec).read(letterRecord()))).isTrue();
    }

    @Test
    void secretsAreMaskedBeforeTheConditionSeesThem() {
        RecordFilter f = RecordFilter.where("payload.password == 'hunter2'");

        assertThat(passes(f, envelopeRecord("A", Map.of("password", "hunter2")))).isFalse();
    }

    @Test
    void recordsTheConditionCannotBeEvaluatedOnAreLeftOutAndReportedOnce() {
        RecordFilter f = RecordFilter.where("payload.n > 0");
        ConsumerRecord<byte[], byte[]> garbage = consumed(new ProducerRecord<>(TOPIC, 0, null,
                "x".getBytes(StandardCharsets.UTF_8)), 0, T);

        assertThat(passes(f, envelopeRecord("A", Map.of()))).isFalse();
        assertThat(passes(f, garbage)).isFalse();
        assertThat(passes(f, envelopeRecord("A", Map.of("n", 2)))).isTrue();
        assertThat(f.failures()).isEqualTo(2);
        assertThat(f.failureNote()).contains("note: --where could not be evaluated on 2 record(s), left out; the"
                + " first: expression 'payload.n > 0' failed: evaluation error at <input>:7: key 'n' is not present"
                + " in map. (has(payload.x) tests whether a field is there)");
    }

    @Test
    void noConditionPassesEverythingAndABadOneSaysWhere() {
        assertThat(passes(RecordFilter.where(null), envelopeRecord("A", Map.of()))).isTrue();
        assertThatThrownBy(() -> RecordFilter.where("payload.n >"))
                .hasMessageStartingWith("expression 'payload.n >' does not parse:")
                .hasMessageEndingWith("(at column 12 of the expression)");
    }

    @Test
    void agesReadInTheirLargestTwoUnits() {
        assertThat(DlqRenderer.age(java.time.Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(DlqRenderer.age(java.time.Duration.ofSeconds(725))).isEqualTo("12m05s");
        assertThat(DlqRenderer.age(java.time.Duration.ofMinutes(182))).isEqualTo("3h02m");
        assertThat(DlqRenderer.age(java.time.Duration.ofHours(103))).isEqualTo("4d07h");
    }
}
