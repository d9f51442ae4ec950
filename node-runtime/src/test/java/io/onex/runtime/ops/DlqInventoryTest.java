package io.onex.runtime.ops;

import static io.onex.runtime.ops.DeadLetterFixtures.T;
import static io.onex.runtime.ops.DeadLetterFixtures.consumed;
import static io.onex.runtime.ops.DeadLetterFixtures.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DlqInventoryTest {

    private static final String A = "dev.omninode_bridge.onex.evt.a.v1";
    private static final String B = "dev.omninode_bridge.onex.evt.b.v1";
    private static final String LEGACY = "omninode_codegen_dlq_analyze_v1";

    private final Map<String, List<ConsumerRecord<byte[], byte[]>>> topics = new LinkedHashMap<>();
    private final MutableClock clock = MutableClock.atEpochSecond(T.plusSeconds(3600).getEpochSecond());
    private final DlqInventory inventory = new DlqInventory(() -> Set.copyOf(topics.keySet()), this::consumer,
            new DeadLetterReader(new EnvelopeCodec()), clock);

    /** A fresh consumer holding every record of {@link #topics}, as a broker would serve them. */
    private MockConsumer<byte[], byte[]> consumer() {
        MockConsumer<byte[], byte[]> c = new MockConsumer<>("earliest");
        Node node = new Node(0, "localhost", 9092);
        Map<TopicPartition, Long> starts = new HashMap<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        topics.forEach((t, records) -> {
            c.updatePartitions(t, List.of(new PartitionInfo(t, 0, node, null, null)));
            starts.put(new TopicPartition(t, 0), 0L);
            ends.put(new TopicPartition(t, 0), (long) records.size());
        });
        c.updateBeginningOffsets(starts);
        c.updateEndOffsets(ends);
        c.schedulePollTask(() -> topics.forEach((t, rs) -> {
            if (c.assignment().contains(new TopicPartition(t, 0))) {
                rs.forEach(c::addRecord);
            }
        }));
        return c;
    }

    private void letter(String dlqTopic, String originalTopic, Throwable failure, Instant at) {
        List<ConsumerRecord<byte[], byte[]>> records = topics.computeIfAbsent(dlqTopic, k -> new ArrayList<>());
        var letter = DeadLetterFixtures.letter(originalTopic, records.size(),
                envelope("E", "corr-" + records.size(), Map.of("n", records.size())), failure, null);
        records.add(consumed(new org.apache.kafka.clients.producer.ProducerRecord<>(dlqTopic, 0, letter.key(),
                letter.value(), letter.headers()), records.size(), at));
    }

    @Test
    void countsLettersPerOriginalTopicAndErrorTypeWithTheirAges() {
        letter(A + ".dlq", A, new IllegalStateException("x"), T);
        letter(A + ".dlq", A, new IllegalStateException("y"), T.plusSeconds(600));
        letter(A + ".dlq", A, new TimeoutException("z"), T.plusSeconds(1200));
        letter(B + ".dlq", B, new IllegalStateException("x"), T.plusSeconds(1800));
        topics.put(B, new ArrayList<>()); // not a DLQ topic

        List<DlqSummary> rows = inventory.list(null);

        assertThat(rows).containsExactly(
                new DlqSummary(A + ".dlq", A, "java.lang.IllegalStateException", 2, T, T.plusSeconds(600),
                        Duration.ofMinutes(60), Duration.ofMinutes(50)),
                new DlqSummary(A + ".dlq", A, "java.util.concurrent.TimeoutException", 1, T.plusSeconds(1200),
                        T.plusSeconds(1200), Duration.ofMinutes(40), Duration.ofMinutes(40)),
                new DlqSummary(B + ".dlq", B, "java.lang.IllegalStateException", 1, T.plusSeconds(1800),
                        T.plusSeconds(1800), Duration.ofMinutes(30), Duration.ofMinutes(30)));
    }

    @Test
    void aPatternSelectsTheDeadLetterTopicsAndLegacyNamesCount() {
        letter(A + ".dlq", A, new IllegalStateException("x"), T);
        letter(LEGACY, "omninode_codegen_request_analyze_v1", new IllegalStateException("x"), T);
        topics.put("omninode_codegen_request_analyze_v1", new ArrayList<>());

        assertThat(inventory.topics(null)).containsExactly(A + ".dlq", LEGACY);
        assertThat(inventory.topics("codegen")).containsExactly(LEGACY);
        assertThat(inventory.list("*_dlq_*")).singleElement()
                .satisfies(s -> assertThat(s.originalTopic()).isEqualTo("omninode_codegen_request_analyze_v1"));
        assertThat(inventory.list("nothing-like-this")).isEmpty();
    }

    @Test
    void readsTheLettersThatPassTheFilterUpToTheLimit() {
        for (int i = 0; i < 5; i++) {
            letter(A + ".dlq", A, i % 2 == 0 ? new IllegalStateException("even") : new TimeoutException("odd"), T);
        }

        List<DeadLetterView> evens = inventory.read(A + ".dlq",
                v -> v.errorType().equals("java.lang.IllegalStateException"), 0);
        List<DeadLetterView> firstTwo = inventory.read(A + ".dlq", v -> true, 2);

        assertThat(evens).extracting(DeadLetterView::offset).containsExactly(0L, 2L, 4L);
        assertThat(evens).extracting(v -> v.payload().get("n")).containsExactly(0, 2, 4);
        assertThat(firstTwo).extracting(DeadLetterView::offset).containsExactly(0L, 1L);
    }

    @Test
    void readingATopicThatDoesNotExistSaysSo() {
        assertThatThrownBy(() -> inventory.read("missing.dlq", v -> true, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic missing.dlq does not exist (`onex topics` lists them)");
    }
}
