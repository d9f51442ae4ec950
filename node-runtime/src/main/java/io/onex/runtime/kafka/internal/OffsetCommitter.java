package io.onex.runtime.kafka.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits what a consumer loop's partitions have done: asynchronously as progress is made, synchronously on revoke
 * and close. An asynchronous commit counts only once the broker confirmed it; a failed one is logged and offered
 * again by the next {@link #commitDue()}. A failed synchronous commit (revoke, close) is logged, not thrown: the
 * records behind it are delivered again (at-least-once).
 *
 * <p>Commits run on the loop's thread; {@link #committed()} may be read from any thread.
 */
public final class OffsetCommitter {

    private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);

    private final String name;
    private final Consumer<byte[], byte[]> consumer;
    private final AssignedPartitions partitions;
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();

    public OffsetCommitter(String name, Consumer<byte[], byte[]> consumer, AssignedPartitions partitions) {
        this.name = name;
        this.consumer = consumer;
        this.partitions = partitions;
    }

    /** The last offsets committed successfully, per partition (a snapshot). */
    public Map<TopicPartition, Long> committed() {
        return Map.copyOf(committed);
    }

    /**
     * Commits, without waiting, every position that moved since the last commit.
     *
     * @return whether there was any to commit
     */
    public boolean commitDue() {
        Map<TopicPartition, OffsetAndMetadata> offsets = partitions.takeCommitDue();
        if (offsets.isEmpty()) {
            return false;
        }
        Map<TopicPartition, PartitionProgress> sentFor = new HashMap<>();
        offsets.keySet().forEach(tp -> sentFor.put(tp, partitions.progress(tp)));
        // the callback runs on this (the loop's) thread, inside a later poll or commit
        consumer.commitAsync(offsets, (done, error) -> {
            if (error != null) {
                log.warn("consumer {}: async commit of {} failed, retrying with the next commit: {}", name,
                        offsets.keySet(), error.toString());
            }
            offsets.forEach((tp, om) -> {
                PartitionProgress p = partitions.progress(tp);
                if (p == null || p != sentFor.get(tp)) {
                    return; // revoked (and maybe assigned again) since: that assignment commits for itself
                }
                if (error != null) {
                    p.commitFailed(om.offset());
                } else {
                    p.commitSucceeded(om.offset());
                    committed.merge(tp, om.offset(), Math::max);
                }
            });
        });
        return true;
    }

    /** Commits what is done in these partitions and waits for the broker's answer. */
    public void commitDone(Collection<TopicPartition> which) {
        Map<TopicPartition, OffsetAndMetadata> offsets = partitions.takeDone(which);
        if (offsets.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                consumer.commitSync(offsets);
                offsets.forEach((tp, om) -> {
                    PartitionProgress p = partitions.progress(tp);
                    if (p != null) {
                        p.commitSucceeded(om.offset());
                    }
                    committed.merge(tp, om.offset(), Math::max);
                });
                return;
            } catch (WakeupException e) {
                // a wakeup meant for poll (close, or a completion) landed here; the commit still has to happen
                if (attempt == 3) {
                    throw e;
                }
            } catch (KafkaException e) {
                log.warn("consumer {}: commit of {} failed, those records will be delivered again: {}", name,
                        offsets.keySet(), e.toString());
                return;
            }
        }
    }
}
