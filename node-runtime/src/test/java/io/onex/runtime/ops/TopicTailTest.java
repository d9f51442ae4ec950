package io.onex.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TopicTailTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final TopicTail tail = new TopicTail(consumer);
    private final List<Long> offsets = new ArrayList<>();

    TopicTailTest() {
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions("t", List.of(new PartitionInfo("t", 0, node, null, null),
                new PartitionInfo("t", 1, node, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 5L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, 8L, P1, 0L));
    }

    private void records(TopicPartition tp, long from, long to) {
        for (long o = from; o < to; o++) {
            consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), o, new byte[0], new byte[0]));
        }
    }

    @Test
    void theLastNRecordsStartNoEarlierThanWhatRetentionKept() {
        tail.start(List.of("t"), "-10");

        assertThat(consumer.position(P0)).isEqualTo(5);
        assertThat(consumer.position(P1)).isZero();
    }

    @Test
    void withoutFollowItStopsAtTheEndTheTopicHadWhenItStarted() {
        tail.start(List.of("t"), "-2");
        records(P0, 6, 8);

        long seen = tail.read(0, false, () -> false, r -> offsets.add(r.offset()));

        assertThat(seen).isEqualTo(2);
        assertThat(offsets).containsExactly(6L, 7L);
    }

    @Test
    void theLimitStopsItFirst() {
        tail.start(List.of("t"), "beginning");
        records(P0, 5, 8);

        assertThat(tail.read(1, false, () -> false, r -> offsets.add(r.offset()))).isEqualTo(1);
        assertThat(offsets).containsExactly(5L);
    }

    @Test
    void fromTheEndWithoutFollowPrintsNothingAndReturns() {
        tail.start(List.of("t"), "end");

        assertThat(tail.read(0, false, () -> false, r -> offsets.add(r.offset()))).isZero();
        assertThat(consumer.position(P0)).isEqualTo(8);
    }

    @Test
    void anUnknownTopicIsNamed() {
        assertThatThrownBy(() -> tail.start(List.of("nope"), "beginning"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic nope does not exist (`onex topics` lists them)");
    }
}
