package io.onex.runtime.kafka.internal;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What a consumer loop knows about the partitions it owns: the offsets it handed out ({@link PartitionProgress}),
 * records fetched but not handed out yet, and partitions held back before a redelivery.
 *
 * <p>Not thread-safe: owned by the consumer loop's thread. Times are {@link System#nanoTime()} values.
 */
public final class AssignedPartitions {

    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> fetched = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> heldBackUntil = new HashMap<>();

    /** Starts tracking a newly assigned partition, from scratch. */
    public void assign(TopicPartition tp) {
        progress.put(tp, new PartitionProgress());
    }

    /** Forgets a partition no longer owned, with anything fetched for it. */
    public void forget(TopicPartition tp) {
        progress.remove(tp);
        fetched.remove(tp);
        heldBackUntil.remove(tp);
    }

    /** The partitions owned now (a live view). */
    public Set<TopicPartition> owned() {
        return progress.keySet();
    }

    /** The progress of an owned partition, or null when it is not owned. */
    public PartitionProgress progress(TopicPartition tp) {
        return progress.get(tp);
    }

    /** Keeps records fetched for an owned partition until they can be handed out. */
    public void fetched(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records) {
        if (progress.containsKey(tp) && !records.isEmpty()) {
            fetched.computeIfAbsent(tp, p -> new ArrayDeque<>()).addAll(records);
        }
    }

    /** Whether any fetched record waits to be handed out. */
    public boolean hasFetched() {
        return !fetched.isEmpty();
    }

    /** How many fetched records wait to be handed out. */
    public int fetchedCount() {
        int n = 0;
        for (ArrayDeque<ConsumerRecord<byte[], byte[]>> waiting : fetched.values()) {
            n += waiting.size();
        }
        return n;
    }

    /** Drops every fetched record not handed out yet (they are fetched again from the committed position). */
    public void dropFetched() {
        fetched.clear();
    }

    /** Drops what was fetched for these partitions. */
    public void dropFetched(Collection<TopicPartition> partitions) {
        fetched.keySet().removeAll(partitions);
    }

    /**
     * A record of {@code tp} was not done: drop what was fetched after it and hold the partition back.
     *
     * @param untilNanos when it may be fetched again
     */
    public void holdBack(TopicPartition tp, long untilNanos) {
        fetched.remove(tp);
        heldBackUntil.put(tp, untilNanos);
    }

    /** When the first held-back partition may go again, if any is held back. */
    public OptionalLong nextRelease() {
        return heldBackUntil.values().stream().mapToLong(Long::longValue).min();
    }

    /**
     * Hands out up to {@code budget} fetched records, one per partition in turn so a busy partition cannot starve
     * the others, skipping held-back partitions.
     *
     * @return how many were handed out
     */
    public int handOut(int budget, long now, BiConsumer<TopicPartition, ConsumerRecord<byte[], byte[]>> sink) {
        int handed = 0;
        boolean progressed = true;
        while (progressed && handed < budget) {
            progressed = false;
            for (Iterator<Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>>> it =
                    fetched.entrySet().iterator(); it.hasNext() && handed < budget; ) {
                Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> e = it.next();
                if (heldBack(e.getKey(), now)) {
                    continue;
                }
                ConsumerRecord<byte[], byte[]> record = e.getValue().poll();
                if (record != null) {
                    sink.accept(e.getKey(), record);
                    handed++;
                    progressed = true;
                }
                if (e.getValue().isEmpty()) {
                    it.remove();
                }
            }
        }
        return handed;
    }

    /** Whether this partition must not fetch now: it has records waiting, or it is held back. */
    public boolean mustNotFetch(TopicPartition tp, long now) {
        return fetched.containsKey(tp) || heldBack(tp, now);
    }

    private boolean heldBack(TopicPartition tp, long now) {
        Long until = heldBackUntil.get(tp);
        if (until == null) {
            return false;
        }
        if (now - until >= 0) {
            heldBackUntil.remove(tp);
            return false;
        }
        return true;
    }

    /** Offsets that moved since they were last sent for commit; marks them sent. */
    public Map<TopicPartition, OffsetAndMetadata> takeCommitDue() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        progress.forEach((tp, p) -> p.commitDue().ifPresent(pos -> {
            offsets.put(tp, new OffsetAndMetadata(pos));
            p.committing(pos);
        }));
        return offsets;
    }

    /** Everything done so far in these partitions, whether committed before or not (for a synchronous commit). */
    public Map<TopicPartition, OffsetAndMetadata> takeDone(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionProgress p = progress.get(tp);
            if (p != null && p.doneUpTo() >= 0) {
                offsets.put(tp, new OffsetAndMetadata(p.doneUpTo()));
                p.committing(p.doneUpTo());
            }
        }
        return offsets;
    }

    /** Whether any record handed out in these partitions is not done yet. */
    public boolean anyInFlight(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionProgress p = progress.get(tp);
            if (p != null && p.inFlight() > 0) {
                return true;
            }
        }
        return false;
    }
}
