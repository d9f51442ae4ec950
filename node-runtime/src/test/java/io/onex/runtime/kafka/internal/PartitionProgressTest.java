package io.onex.runtime.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private final PartitionProgress p = new PartitionProgress();

    @Test
    void commitPositionMovesOnlyOverContiguousDoneRecords() {
        for (long o = 10; o <= 13; o++) {
            p.handedOut(o);
        }
        int epoch = p.epoch();

        p.done(12, epoch);
        p.done(11, epoch);
        assertThat(p.commitDue()).isEmpty();

        p.done(10, epoch);
        assertThat(p.commitDue()).hasValue(13);
        assertThat(p.inFlight()).isEqualTo(1);

        p.committing(13);
        assertThat(p.commitDue()).isEmpty();
        p.done(13, epoch);
        assertThat(p.commitDue()).hasValue(14);
    }

    @Test
    void gapsInOffsetsFromTransactionMarkersDoNotBlockCommits() {
        p.handedOut(5);
        p.handedOut(8);
        p.done(5, p.epoch());
        p.done(8, p.epoch());

        assertThat(p.commitDue()).hasValue(9);
    }

    @Test
    void notDoneForgetsTheRecordAndLaterOnesAndIgnoresTheirLateFailures() {
        for (long o = 0; o <= 3; o++) {
            p.handedOut(o);
        }
        int first = p.epoch();
        p.done(0, first);

        assertThat(p.notDone(1, first)).isTrue();
        assertThat(p.inFlight()).isZero();
        assertThat(p.epoch()).isNotEqualTo(first);
        assertThat(p.notDone(2, first)).isFalse();
        assertThat(p.commitDue()).hasValue(1);

        // redelivered from 1 in the new epoch
        p.handedOut(1);
        p.handedOut(2);
        assertThat(p.done(2, first)).as("the abandoned round's delivery of 2, once 2 was delivered again").isFalse();
        p.done(1, p.epoch());
        p.done(2, p.epoch());
        assertThat(p.commitDue()).hasValue(3);
    }

    @Test
    void aRecordDoneAfterOneThatFailedIsSkippedWhenDeliveredAgain() {
        for (long o = 0; o <= 3; o++) {
            p.handedOut(o);
        }
        int first = p.epoch();
        p.done(0, first);
        p.done(2, first); // say, dead-lettered: writing it again would dead-letter it twice
        p.notDone(1, first);
        assertThat(p.done(3, first)).as("finished after the failure: remembered as done").isTrue();

        assertThat(p.skipDone(1)).isFalse();
        p.handedOut(1);
        assertThat(p.skipDone(2)).isTrue();
        assertThat(p.skipDone(3)).isTrue();
        assertThat(p.inFlight()).isEqualTo(1);
        p.done(1, p.epoch());
        assertThat(p.commitDue()).hasValue(4);
    }

    @Test
    void aRecordDoneInTheRoundItWasDeliveredAgainInCountsOnce() {
        p.handedOut(0);
        p.handedOut(1);
        int first = p.epoch();
        p.notDone(0, first);
        p.handedOut(0);
        p.handedOut(1);
        int second = p.epoch();
        p.done(0, second);
        p.done(1, second);

        assertThat(p.done(1, first)).as("the first round's late completion").isFalse();
        assertThat(p.skipDone(1)).isFalse();
        assertThat(p.commitDue()).hasValue(2);
    }

    @Test
    void recordsBeforeAFailedOneStillCountWhenTheyFinishLater() {
        p.handedOut(0);
        p.handedOut(1);
        int first = p.epoch();
        p.notDone(1, first);

        assertThat(p.done(0, first)).isTrue();
        assertThat(p.commitDue()).hasValue(1);
    }

    @Test
    void rejectsOffsetsThatDoNotIncrease() {
        p.handedOut(4);

        assertThatThrownBy(() -> p.handedOut(4)).hasMessageContaining("offset 4 handed out after 4");
    }

    @Test
    void nothingDoneMeansNothingToCommit() {
        p.handedOut(0);

        assertThat(p.commitDue()).isEqualTo(OptionalLong.empty());
        assertThat(p.doneUpTo()).isEqualTo(-1);
    }
}
