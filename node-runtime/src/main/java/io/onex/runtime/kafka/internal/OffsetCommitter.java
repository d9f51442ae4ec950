package io.onex.runtime.kafka.internal;

import java.util.Collection;
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
 * and close. A failed commit is logged, not thrown: the records behind it are delivered again (at-least-once).
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

    /** Commits, without waiting, every position that moved since the last commit. */
    public void commitDue() {
        Map<TopicPartition, OffsetAndMetadata> offsets = partitions.takeCommitDue();
        if (offsets.isEmpty()) {
            return;
        }
        consumer.commitAsync(offsets, (done, error) -> {
            if (error != null) {
                // the next commit, or the synchronous one on revoke/close, covers these offsets
                log.warn("consumer {}: async commit failed: {}", name, error.toString());
            } else {
                done.forEach((tp, om) -> committed.put(tp, om.offset()));
            }
        });
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
                offsets.forEach((tp, om) -> committed.put(tp, om.offset()));
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
