package io.onex.runtime.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class OffsetCommitterTest {

    private static final TopicPartition TP = new TopicPartition("t", 0);

    /** Holds each async commit's callback until the test answers it, as the broker would later. */
    private static final class PendingCommits extends MockConsumer<byte[], byte[]> {
        final List<Map<TopicPartition, OffsetAndMetadata>> sent = new ArrayList<>();
        final List<OffsetCommitCallback> callbacks = new ArrayList<>();

        PendingCommits() {
            super("earliest");
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                OffsetCommitCallback callback) {
            sent.add(Map.copyOf(offsets));
            callbacks.add(callback);
        }

        void answer(int i, Exception error) {
            callbacks.get(i).onComplete(sent.get(i), error);
        }
    }

    private final PendingCommits consumer = new PendingCommits();
    private final AssignedPartitions partitions = new AssignedPartitions();
    private final OffsetCommitter committer = new OffsetCommitter("test", consumer, partitions);

    private void done(long... offsets) {
        PartitionProgress p = partitions.progress(TP);
        for (long o : offsets) {
            p.handedOut(o);
            p.done(o, p.epoch());
        }
    }

    @Test
    void asyncCommitCountsOnlyOnceTheBrokerConfirmedIt() {
        partitions.assign(TP);
        done(0, 1);

        committer.commitDue();

        assertThat(consumer.sent).containsExactly(Map.of(TP, new OffsetAndMetadata(2)));
        assertThat(committer.committed()).as("sent, not confirmed").isEmpty();
        committer.commitDue();
        assertThat(consumer.sent).as("not sent twice while the first is pending").hasSize(1);

        consumer.answer(0, null);

        assertThat(committer.committed()).containsEntry(TP, 2L);
        assertThat(partitions.progress(TP).confirmed()).isEqualTo(2);
    }

    @Test
    void failedAsyncCommitIsNotMarkedCommittedAndTheNextCommitRetriesIt() {
        partitions.assign(TP);
        done(0, 1);
        committer.commitDue();

        consumer.answer(0, new TimeoutException("coordinator not available"));

        assertThat(committer.committed()).isEmpty();
        assertThat(partitions.progress(TP).confirmed()).isEqualTo(-1);
        committer.commitDue();
        assertThat(consumer.sent).as("retried although nothing new is done")
                .containsExactly(Map.of(TP, new OffsetAndMetadata(2)), Map.of(TP, new OffsetAndMetadata(2)));
        consumer.answer(1, null);
        assertThat(committer.committed()).containsEntry(TP, 2L);
    }

    @Test
    void lateFailureOfAnEarlierCommitDoesNotUndoALaterConfirmedOne() {
        partitions.assign(TP);
        done(0);
        committer.commitDue();
        done(1, 2);
        committer.commitDue();

        consumer.answer(1, null);
        consumer.answer(0, new TimeoutException("late"));

        assertThat(committer.committed()).containsEntry(TP, 3L);
        committer.commitDue();
        assertThat(consumer.sent).as("nothing left to retry").hasSize(2);
    }

    @Test
    void answerForAPartitionRevokedMeanwhileIsIgnored() {
        partitions.assign(TP);
        done(0);
        committer.commitDue();
        partitions.forget(TP);
        partitions.assign(TP);

        consumer.answer(0, new TimeoutException("late"));

        assertThat(partitions.progress(TP).confirmed()).isEqualTo(-1);
        committer.commitDue();
        assertThat(consumer.sent).as("the new assignment has nothing done yet").hasSize(1);
    }
}
