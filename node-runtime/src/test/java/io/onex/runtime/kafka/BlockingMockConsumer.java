package io.onex.runtime.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link MockConsumer} whose empty poll blocks up to its timeout, like the real consumer, until a record, a poll
 * task or a wakeup arrives (the plain mock returns at once and would spin the loop), and that remembers every
 * commit.
 */
final class BlockingMockConsumer extends MockConsumer<byte[], byte[]> {

    /** A commit the loop made. */
    record Commit(boolean sync, Map<TopicPartition, Long> offsets) {
    }

    private final List<Commit> commits = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger wakeups = new java.util.concurrent.atomic.AtomicInteger();
    private boolean signalled;

    BlockingMockConsumer() {
        super("earliest");
    }

    @Override
    public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
        if (records.isEmpty() && !signalled && !timeout.isZero()) {
            try {
                wait(Math.max(1, timeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        signalled = false;
        return records;
    }

    private void signal() {
        signalled = true;
        notifyAll();
    }

    @Override
    public synchronized void addRecord(ConsumerRecord<byte[], byte[]> record) {
        super.addRecord(record);
        signal();
    }

    @Override
    public synchronized void schedulePollTask(Runnable task) {
        super.schedulePollTask(task);
        signal();
    }

    @Override
    public synchronized void wakeup() {
        wakeups.incrementAndGet();
        super.wakeup();
        signal();
    }

    @Override
    public synchronized void resume(java.util.Collection<TopicPartition> partitions) {
        super.resume(partitions);
        signal();
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        super.commitSync(offsets);
        commits.add(new Commit(true, plain(offsets)));
    }

    @Override
    public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
            OffsetCommitCallback callback) {
        super.commitAsync(offsets, callback);
        commits.add(new Commit(false, plain(offsets)));
    }

    private static Map<TopicPartition, Long> plain(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, Long> m = new java.util.HashMap<>();
        offsets.forEach((tp, om) -> m.put(tp, om.offset()));
        return Map.copyOf(m);
    }

    private volatile org.apache.kafka.clients.consumer.CloseOptions closeOptions;

    @Override
    public void close(org.apache.kafka.clients.consumer.CloseOptions options) {
        closeOptions = options;
        super.close(options);
    }

    /** The options of the last {@link #close(org.apache.kafka.clients.consumer.CloseOptions)}, or null. */
    org.apache.kafka.clients.consumer.CloseOptions closeOptions() {
        return closeOptions;
    }

    /** How often {@link #wakeup()} was called. */
    int wakeups() {
        return wakeups.get();
    }

    /** Every commit so far, in order. */
    List<Commit> commits() {
        return List.copyOf(commits);
    }

    /** The offsets committed for one partition, in order. */
    List<Long> commitsOf(TopicPartition tp) {
        return commits.stream().filter(c -> c.offsets().containsKey(tp)).map(c -> c.offsets().get(tp)).toList();
    }
}
