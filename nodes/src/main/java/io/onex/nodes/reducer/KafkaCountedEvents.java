package io.onex.nodes.reducer;

import io.onex.api.EventEnvelope;
import io.onex.api.bridge.ReducerEventFields;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the last {@code perPartition} records of each partition of the aggregation-completed topic (read committed,
 * no consumer group) and collects the {@code metadata.consumed_event_ids} of this group's windows (those whose
 * {@code bridge_id} is the group's for their namespace).
 *
 * <p>The bound: a record is replayed after a crash only if its offset was not committed, and the consumer holds at
 * most {@code max_in_flight} records not done, each window at least one of them; so the windows whose records can
 * come again are among the last {@code max_in_flight} aggregation-completed events of the group, which is what is
 * read (more when other groups write to the topic too, fewer are the group's).
 */
final class KafkaCountedEvents implements CountedEvents {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCountedEvents.class);

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final String topic;
    private final int perPartition;
    private final EnvelopeCodec codec;
    private final BiPredicate<String, String> ourBridgeId;
    private final Duration timeout;

    /**
     * @param consumers makes the consumer the read uses (closed after it)
     * @param topic the aggregation-completed topic, full name
     * @param perPartition how many records of each partition, at most, are read back
     * @param codec decodes envelopes
     * @param ourBridgeId whether a (namespace, bridge_id) pair is this group's
     * @param timeout the whole read's bound
     */
    KafkaCountedEvents(Supplier<Consumer<byte[], byte[]>> consumers, String topic, int perPartition,
            EnvelopeCodec codec, BiPredicate<String, String> ourBridgeId, Duration timeout) {
        this.consumers = consumers;
        this.topic = topic;
        this.perPartition = perPartition;
        this.codec = codec;
        this.ourBridgeId = ourBridgeId;
        this.timeout = timeout;
    }

    @Override
    public Set<String> read() {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> counted = new HashSet<>();
        int windows = 0;
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                return Set.of(); // never published to: nothing counted
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, timeout);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(assigned, timeout);
            Map<TopicPartition, Long> toRead = new HashMap<>();
            for (TopicPartition tp : assigned) {
                long end = ends.getOrDefault(tp, 0L);
                long from = Math.max(begins.getOrDefault(tp, 0L), end - perPartition);
                if (from < end) {
                    consumer.seek(tp, from);
                    toRead.put(tp, end);
                }
            }
            consumer.pause(assigned.stream().filter(tp -> !toRead.containsKey(tp)).toList());
            while (!toRead.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading back " + topic + " took longer than "
                            + timeout.toMillis() + " ms; partitions left: " + toRead.keySet());
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    windows += collect(r, counted);
                }
                toRead.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        LOG.info("reducer read back {} published window(s) of its group from {}: {} events counted already", windows,
                topic, counted.size());
        return counted;
    }

    private int collect(ConsumerRecord<byte[], byte[]> r, Set<String> counted) {
        EventEnvelope e;
        try {
            e = codec.decode(r.value());
        } catch (RuntimeException notAnEnvelope) {
            return 0; // not ours to judge: the topic's readers dead-letter it
        }
        Object namespace = e.payload() == null ? null : e.payload().get(ReducerEventFields.NAMESPACE);
        Object bridgeId = e.payload() == null ? null : e.payload().get(ReducerEventFields.BRIDGE_ID);
        Object ids = e.metadata() == null ? null : e.metadata().get(WindowEvents.METADATA_CONSUMED_EVENT_IDS);
        if (!(namespace instanceof String ns) || !(bridgeId instanceof String id) || !ourBridgeId.test(ns, id)
                || !(ids instanceof List<?> list)) {
            return 0;
        }
        list.forEach(eventId -> counted.add(String.valueOf(eventId)));
        return 1;
    }
}
