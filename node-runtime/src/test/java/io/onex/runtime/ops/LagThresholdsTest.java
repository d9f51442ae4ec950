package io.onex.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LagThresholdsTest {

    private static GroupReport group(int members, long... lags) {
        List<PartitionLag> partitions = new java.util.ArrayList<>();
        for (int i = 0; i < lags.length; i++) {
            partitions.add(new PartitionLag("t", i, Optional.empty(), OptionalLong.of(100), 100 + lags[i]));
        }
        return new GroupReport("g", members == 0 ? GroupState.EMPTY : GroupState.STABLE, members, partitions);
    }

    @Test
    void totalLagAboveTheDesignThresholdsIsAWarningThenCritical() {
        LagThresholds t = LagThresholds.DEFAULTS;

        assertThat(t.judge(group(1, 600, 400))).isEqualTo(new LagVerdict(LagVerdict.Level.OK, "lag 1000"));
        assertThat(t.judge(group(1, 600, 401)))
                .isEqualTo(new LagVerdict(LagVerdict.Level.WARNING, "lag 1001 > 1000"));
        assertThat(t.judge(group(2, 5001))).isEqualTo(new LagVerdict(LagVerdict.Level.CRITICAL, "lag 5001 > 5000"));
    }

    @Test
    void aGroupWithoutMembersThatHasLagIsCriticalWhateverTheLag() {
        assertThat(LagThresholds.DEFAULTS.judge(group(0, 1))).isEqualTo(
                new LagVerdict(LagVerdict.Level.CRITICAL, "lag 1 and no members to consume it"));
        assertThat(LagThresholds.DEFAULTS.judge(group(0, 0)).level()).isEqualTo(LagVerdict.Level.OK);
    }

    @Test
    void aDeadLetterReplaysProgressGroupIsNeverAProblemWhateverItsLag() {
        GroupReport replay = new GroupReport("onex-dlq-replay.dev.x.onex.evt.a.v1.dlq", GroupState.EMPTY, 0,
                List.of(new PartitionLag("dev.x.onex.evt.a.v1.dlq", 0, Optional.empty(), OptionalLong.of(10), 9_010)));

        assertThat(LagThresholds.DEFAULTS.judge(replay)).isEqualTo(new LagVerdict(LagVerdict.Level.OK,
                "progress of onex dlq replay: 9000 letter(s) not replayed"));
    }

    @Test
    void partitionsWithoutACommittedOffsetHaveNoLagToCount() {
        PartitionLag never = new PartitionLag("t", 0, Optional.of("c"), OptionalLong.empty(), 9_999);

        assertThat(never.lag()).isEmpty();
        assertThat(new GroupReport("g", GroupState.STABLE, 1, List.of(never)).totalLag()).isZero();
    }

    @Test
    void criticalBelowWarningIsRefusedSayingWhatWasExpected() {
        assertThatThrownBy(() -> new LagThresholds(100, 50)).hasMessage(
                "critical lag must be greater than or equal to the warning lag (100), but was 50");
        assertThatThrownBy(() -> new LagThresholds(-1, 50))
                .hasMessage("warning lag must be greater than or equal to 0, but was -1");
    }

    @Test
    void theBrokersStatesFoldIntoFourWords() {
        assertThat(GroupState.of(org.apache.kafka.common.GroupState.PREPARING_REBALANCE))
                .isEqualTo(GroupState.REBALANCING);
        assertThat(GroupState.of(org.apache.kafka.common.GroupState.RECONCILING)).isEqualTo(GroupState.REBALANCING);
        assertThat(GroupState.of(org.apache.kafka.common.GroupState.STABLE).word()).isEqualTo("stable");
        assertThat(GroupState.of(null)).isEqualTo(GroupState.UNKNOWN);
    }
}
