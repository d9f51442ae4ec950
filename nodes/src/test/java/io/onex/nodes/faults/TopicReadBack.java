package io.onex.nodes.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics back with a plain {@link KafkaConsumer} (no group, no runtime code): every record from the beginning
 * to the end offsets of the moment, at the given isolation level. The suite counts only what this reads.
 */
public final class TopicReadBack {

    private TopicReadBack() {
    }

    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String isolationLevel,
            List<String> topics) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : topics) {
                List<PartitionInfo> infos = c.partitionsFor(t, Duration.ofSeconds(30));
                if (infos != null) {
                    infos.forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
                }
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            // read_committed: the end is the last stable offset, so an open transaction would hold this up
            Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reachedEnd(c, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + topics + " not read to " + end + " within 60 s");
                }
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue());
    }

    /** How many times each key occurs among {@code records}. */
    public static Map<String, Long> countByKey(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> r.key() != null).collect(Collectors.groupingBy(
                r -> new String(r.key(), java.nio.charset.StandardCharsets.UTF_8), Collectors.counting()));
    }
}
