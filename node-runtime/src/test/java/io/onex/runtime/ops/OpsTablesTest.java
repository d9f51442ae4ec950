package io.onex.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OpsTablesTest {

    @Test
    void topicsAreATableWithRetentionInTheLargestWholeUnit() {
        String table = OpsTables.topics(List.of(
                new TopicSummary("dev.omninode_bridge.onex.evt.a.v1", 3, Optional.of(604_800_000L), 120, 100),
                new TopicSummary("dev.omninode_bridge.onex.evt.a.v1.dlq", 1, Optional.of(-1L), 2, 2),
                new TopicSummary("x", 1, Optional.empty(), 0, 0)));

        assertThat(table).isEqualTo("""
                TOPIC                                  PARTITIONS  RETENTION  END-OFFSETS  RECORDS
                dev.omninode_bridge.onex.evt.a.v1      3           7d         120          100
                dev.omninode_bridge.onex.evt.a.v1.dlq  1           forever    2            2
                x                                      1           ?          0            0
                """);
    }

    @Test
    void retentionNamesTheLargestUnitThatDividesIt() {
        assertThat(OpsTables.retention(Optional.of(43_200_000L))).isEqualTo("12h");
        assertThat(OpsTables.retention(Optional.of(5_400_000L))).isEqualTo("90m");
        assertThat(OpsTables.retention(Optional.of(1_500L))).isEqualTo("1500ms");
        assertThat(OpsTables.retention(Optional.of(0L))).isEqualTo("0ms");
    }

    @Test
    void aGroupShowsItsVerdictThenOneLinePerPartition() {
        GroupReport g = new GroupReport("orders", GroupState.STABLE, 1, List.of(
                new PartitionLag("t", 0, Optional.of("client-1 (10.0.0.5)"), OptionalLong.of(10), 1_510),
                new PartitionLag("t", 1, Optional.empty(), OptionalLong.empty(), 7)));

        assertThat(OpsTables.group(g, LagThresholds.DEFAULTS.judge(g))).isEqualTo("""
                GROUP orders  state=stable  members=1  lag=1500  WARNING (lag 1500 > 1000)
                  TOPIC  PARTITION  MEMBER               COMMITTED  END   LAG
                  t      0          client-1 (10.0.0.5)  10         1510  1500
                  t      1          -                    -          7     -
                """);
    }

    @Test
    void aGroupWithNothingToShowSaysSo() {
        GroupReport g = new GroupReport("gone", GroupState.DEAD, 0, List.of());

        assertThat(OpsTables.group(g, LagThresholds.DEFAULTS.judge(g))).isEqualTo("""
                GROUP gone  state=dead  members=0  lag=0  OK (lag 0)
                  (no partitions assigned or committed)
                """);
    }

    @Test
    void topicPatternsAreGlobsOrPartsOfTheName() {
        assertThat(TopicInventory.compile("*.dlq").matcher("a.b.dlq").matches()).isTrue();
        assertThat(TopicInventory.compile("*.dlq").matcher("a.dlq.b").matches()).isFalse();
        assertThat(TopicInventory.compile("heartbeat").matcher("dev.x.onex.evt.node-heartbeat.v1").matches())
                .isTrue();
        assertThat(TopicInventory.compile("a.b").matcher("aXb").matches()).isFalse();
        assertThat(TopicInventory.compile(null).matcher("anything").matches()).isTrue();
    }
}
