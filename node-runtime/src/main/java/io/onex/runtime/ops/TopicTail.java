package io.onex.runtime.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads topics outside any consumer group (assigned partitions, no commits: the groups of running nodes are never
 * touched), from a {@link StartPosition}, until a limit, the end as it was at the start, or for ever when following.
 */
public final class TopicTail {

    private static final Duration POLL = Duration.ofMillis(200);

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> endAtStart = new HashMap<>();

    public TopicTail(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /**
     * Assigns every partition of the topics and seeks to the start position.
     *
     * @param from {@code beginning}, {@code end}, {@code -N} or an ISO-8601 time
     * @throws IllegalArgumentException when {@code from} is malformed or a topic does not exist
     */
    public void start(List<String> topics, String from) {
        StartPosition position = StartPosition.parse(from);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("topic " + SafeText.escape(topic) + " does not exist"
                        + " (`onex topics` lists them)");
            }
            infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        consumer.assign(partitions);
        endAtStart.putAll(consumer.endOffsets(partitions));
        if (position instanceof StartPosition.Beginning) {
            consumer.seekToBeginning(partitions);
        } else if (position instanceof StartPosition.End) {
            consumer.seekToEnd(partitions);
        } else if (position instanceof StartPosition.Last last) {
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            partitions.forEach(tp -> consumer.seek(tp, Math.max(starts.get(tp), endAtStart.get(tp) - last.count())));
        } else if (position instanceof StartPosition.At at) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, at.time().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            partitions.forEach(tp -> {
                OffsetAndTimestamp o = found.get(tp);
                consumer.seek(tp, o == null ? endAtStart.get(tp) : o.offset());
            });
        }
    }

    /**
     * Hands records to {@code sink} until {@code limit} of them (0: no limit), or, unless following, every partition
     * reached the end it had at {@link #start}; or until {@code stopped} says so.
     *
     * @return how many records were handed over
     */
    public long read(long limit, boolean follow, BooleanSupplier stopped,
            Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        long seen = 0;
        while (!stopped.getAsBoolean()) {
            if (!follow && reachedEnd()) {
                return seen;
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                sink.accept(r);
                seen++;
                if (limit > 0 && seen >= limit) {
                    return seen;
                }
            }
        }
        return seen;
    }

    private boolean reachedEnd() {
        for (Map.Entry<TopicPartition, Long> e : endAtStart.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
