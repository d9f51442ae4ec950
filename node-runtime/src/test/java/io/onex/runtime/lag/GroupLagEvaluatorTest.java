package io.onex.runtime.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.runtime.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sliding-window verdicts, on virtual time: 10 samples, one every 30 s. */
class GroupLagEvaluatorTest {

    private static final String TOPIC = "dev.onex.evt.orders.v1";
    private static final Duration EVERY = Duration.ofSeconds(30);

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);
    private final GroupLagEvaluator lag = new GroupLagEvaluator(LagWindow.DEFAULT, clock);

    private void sample(int members, long committed, long end) {
        lag.record("orders", members, List.of(new PartitionOffsets(TOPIC, 3, committed, end)), 0, 0);
        clock.advance(EVERY);
    }

    private GroupVerdict verdict() {
        return lag.verdict("orders", GroupHealthThresholds.DEFAULTS).orElseThrow();
    }

    @Test
    void aCommittedOffsetStandingStillWithLagOverAFullWindowIsStalledEvenWhenTheLagIsSmall() {
        for (int i = 0; i < 10; i++) {
            sample(1, 100, 150 + i);
        }

        assertThat(verdict().kind()).isEqualTo(GroupVerdict.Kind.STALLED);
        assertThat(verdict().severity()).isEqualTo(GroupVerdict.Severity.CRITICAL);
        assertThat(verdict().reason())
                .isEqualTo("lag 59 on dev.onex.evt.orders.v1[3] and committed offset unchanged for 4m30s: stalled");
    }

    @Test
    void aStandingCommittedOffsetIsNoStallBeforeTheWindowIsFull() {
        for (int i = 0; i < 9; i++) {
            sample(1, 100, 150);
        }

        assertThat(verdict().kind()).isEqualTo(GroupVerdict.Kind.OK);
        assertThat(verdict().reason()).isEqualTo("lag 50 on dev.onex.evt.orders.v1[3]");
    }

    @Test
    void aCommittedOffsetThatMovesOnceInTheWindowIsNoStall() {
        for (int i = 0; i < 10; i++) {
            sample(1, i == 9 ? 101 : 100, 150);
        }

        assertThat(verdict().kind()).isEqualTo(GroupVerdict.Kind.OK);
    }

    @Test
    void anIdleGroupWithoutLagIsNoStall() {
        for (int i = 0; i < 10; i++) {
            sample(1, 150, 150);
        }

        assertThat(verdict().kind()).isEqualTo(GroupVerdict.Kind.OK);
        assertThat(verdict().reason()).isEqualTo("lag 0");
    }

    @Test
    void aLargeLagThatShrinksIsCatchingUpAWarningNotCritical() {
        for (int i = 0; i < 10; i++) {
            sample(1, 1_000 * i, 20_000);
        }

        GroupVerdict v = verdict();
        assertThat(v.kind()).isEqualTo(GroupVerdict.Kind.CATCHING_UP);
        assertThat(v.severity()).isEqualTo(GroupVerdict.Severity.WARNING);
        assertThat(v.reason()).isEqualTo("lag 11,000 on dev.onex.evt.orders.v1[3] > 1,000 but down from 20,000 over"
                + " 4m30s: catching up");
    }

    @Test
    void aLargeLagThatGrowsWhileTheGroupConsumesIsCritical() {
        for (int i = 0; i < 10; i++) {
            sample(1, 1_000 * i, 6_000 + 1_100 * i);
        }

        assertThat(verdict().kind()).isEqualTo(GroupVerdict.Kind.CRITICAL);
        assertThat(verdict().reason()).isEqualTo("lag 6,900 on dev.onex.evt.orders.v1[3] > 5,000");
    }

    @Test
    void lagAboveTheWarningThresholdIsAWarningOnTheFirstSample() {
        sample(1, 0, 1_500);

        assertThat(verdict().kind()).isEqualTo(GroupVerdict.Kind.WARNING);
        assertThat(verdict().reason()).isEqualTo("lag 1,500 on dev.onex.evt.orders.v1[3] > 1,000");
    }

    @Test
    void lagWithoutMembersIsCriticalWhateverItsSize() {
        sample(0, 10, 12);

        assertThat(verdict().kind()).isEqualTo(GroupVerdict.Kind.NO_MEMBERS);
        assertThat(verdict().severity()).isEqualTo(GroupVerdict.Severity.CRITICAL);
        assertThat(verdict().reason()).isEqualTo("lag 2 on dev.onex.evt.orders.v1[3] and no members to consume it");
    }

    @Test
    void aGroupWithoutMembersOrLagIsOk() {
        sample(0, 12, 12);

        assertThat(verdict().kind()).isEqualTo(GroupVerdict.Kind.OK);
    }

    @Test
    void thresholdsGivenPerGroupOverrideTheDefaults() {
        sample(1, 0, 600);

        GroupHealthThresholds strict = new GroupHealthThresholds(100, 500, 0.01);
        assertThat(lag.verdict("orders", strict).orElseThrow().reason())
                .isEqualTo("lag 600 on dev.onex.evt.orders.v1[3] > 500");
        assertThat(verdict().kind()).isEqualTo(GroupVerdict.Kind.OK);
    }

    @Test
    void moreThanOnePercentDeadLetteredOverTheWindowIsAWarning() {
        lag.record("orders", 1, List.of(new PartitionOffsets(TOPIC, 0, 5, 5)), 1_000, 0);
        clock.advance(EVERY);
        lag.record("orders", 1, List.of(new PartitionOffsets(TOPIC, 0, 405, 405)), 1_390, 10);

        GroupVerdict v = verdict();
        assertThat(v.kind()).isEqualTo(GroupVerdict.Kind.DLQ_RATE);
        assertThat(v.severity()).isEqualTo(GroupVerdict.Severity.WARNING);
        assertThat(v.reason()).isEqualTo("2.5% of 400 consumed records dead-lettered over 30s > 1%");
    }

    @Test
    void aDeadLetterRateAtTheThresholdIsOk() {
        lag.record("orders", 1, List.of(), 0, 0);
        clock.advance(EVERY);
        lag.record("orders", 1, List.of(), 99, 1);

        assertThat(verdict().kind()).isEqualTo(GroupVerdict.Kind.OK);
    }

    @Test
    void lagOnSeveralPartitionsNamesTheWorst() {
        lag.record("orders", 1, List.of(new PartitionOffsets(TOPIC, 0, 0, 700),
                new PartitionOffsets(TOPIC, 1, 0, 1_000), new PartitionOffsets(TOPIC, 2, -1, 50)), 0, 0);

        assertThat(verdict().reason()).isEqualTo("lag 1,700 (2 partitions, most on dev.onex.evt.orders.v1[1]: 1,000)"
                + " > 1,000");
    }

    @Test
    void samplesOlderThanTheSpanLeaveTheWindowSoAPauseIsNoStall() {
        for (int i = 0; i < 9; i++) {
            sample(1, 100, 150);
        }
        clock.advance(Duration.ofMinutes(10));
        sample(1, 100, 150);

        assertThat(verdict().kind()).isEqualTo(GroupVerdict.Kind.OK);
    }

    @Test
    void noVerdictBeforeTheFirstSampleAndNoneAfterForget() {
        assertThat(lag.verdict("orders", GroupHealthThresholds.DEFAULTS)).isEmpty();
        sample(1, 0, 0);
        lag.forget("orders");

        assertThat(lag.verdict("orders", GroupHealthThresholds.DEFAULTS)).isEmpty();
        assertThat(lag.groups()).isEmpty();
    }

    @Test
    void thresholdsOutOfOrderAreRefusedNamingBoth() {
        assertThatThrownBy(() -> new GroupHealthThresholds(1_000, 500, 0.01))
                .hasMessage("lagCritical must be greater than or equal to lagWarning (1000), but was 500");
        assertThatThrownBy(() -> new GroupHealthThresholds(1, 5, 1.5))
                .hasMessage("dlqRateWarning must be between 0 and 1, but was 1.5");
    }
}
