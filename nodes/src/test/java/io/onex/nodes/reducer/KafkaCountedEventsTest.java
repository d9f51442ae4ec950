package io.onex.nodes.reducer;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.bridge.ReducerEventFields;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaCountedEventsTest {

    private static final String TOPIC = "dev.onex.evt.aggregation-completed.v1";
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

    private static byte[] completed(String namespace, String bridgeId, List<String> ids) {
        return CODEC.encode(EventEnvelope.create(ReducerEventFields.AGGREGATION_COMPLETED, "agg", null,
                Instant.ofEpochSecond(1_701_446_400), new EventSource("s", "reducer", "r1"),
                Map.of(WindowEvents.METADATA_CONSUMED_EVENT_IDS, ids),
                Map.of(ReducerEventFields.NAMESPACE, namespace, ReducerEventFields.BRIDGE_ID, bridgeId)));
    }

    private KafkaCountedEvents reader(int perPartition) {
        return new KafkaCountedEvents(() -> consumer, TOPIC, perPartition, CODEC,
                (namespace, bridgeId) -> bridgeId.equals("ours-" + namespace), Duration.ofSeconds(5));
    }

    @Test
    void collectsTheEventsTheGroupsLastWindowsCountedAndNoOtherGroups() {
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        TopicPartition p1 = new TopicPartition(TOPIC, 1);
        consumer.updatePartitions(TOPIC, List.of(partition(0), partition(1)));
        consumer.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
        consumer.updateEndOffsets(Map.of(p0, 3L, p1, 1L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(p0, 0, completed("docs", "ours-docs", List.of("too-old"))));
            consumer.addRecord(record(p0, 1, completed("docs", "ours-docs", List.of("e1", "e2"))));
            consumer.addRecord(record(p0, 2, completed("docs", "another-group", List.of("x1"))));
            consumer.addRecord(record(p1, 0, completed("api", "ours-api", List.of("e3"))));
        });

        assertThat(reader(2).read()).containsExactlyInAnyOrder("e1", "e2", "e3");
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aTopicNeverPublishedToHoldsNothingCounted() {
        assertThat(reader(100).read()).isEmpty();
    }

    private static PartitionInfo partition(int p) {
        return new PartitionInfo(TOPIC, p, Node.noNode(), new Node[0], new Node[0]);
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset, byte[] value) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, null, value);
    }
}
