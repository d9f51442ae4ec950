package io.onex.runtime.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.kafka.FlowGate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FetchLimitsTest {

    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);
    private static final TopicPartition TP2 = new TopicPartition("t", 2);

    /** Lag as the test sets it; unknown until then. */
    private static final class LaggingConsumer extends MockConsumer<byte[], byte[]> {
        final Map<TopicPartition, Long> lag = new HashMap<>();

        LaggingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized OptionalLong currentLag(TopicPartition tp) {
            Long l = lag.get(tp);
            return l == null ? OptionalLong.empty() : OptionalLong.of(l);
        }
    }

    private final LaggingConsumer consumer = new LaggingConsumer();
    private final AssignedPartitions partitions = new AssignedPartitions();
    private boolean open = true;
    private int trials = -1;
    private final FlowGate gate = new FlowGate() {
        @Override
        public boolean acceptsWork() {
            return open;
        }

        @Override
        public OptionalInt trialCalls() {
            return trials < 0 ? OptionalInt.empty() : OptionalInt.of(trials);
        }
    };
    private final FetchLimits limits = new FetchLimits("test", consumer, partitions, gate, 10);

    @BeforeEach
    void ownThreePartitions() {
        consumer.assign(List.of(TP0, TP1, TP2));
        List.of(TP0, TP1, TP2).forEach(partitions::assign);
    }

    private void update(int inFlight) {
        limits.checkGate();
        limits.updatePauses(inFlight, System.nanoTime());
    }

    @Test
    void closedGatePausesEveryPartitionAndOpenGateResumesThem() {
        open = false;
        update(0);
        assertThat(limits.gateOpen()).isFalse();
        assertThat(consumer.paused()).containsExactlyInAnyOrder(TP0, TP1, TP2);

        open = true;
        update(0);
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void atTheInFlightBoundEveryPartitionIsPausedAndBelowItResumed() {
        update(10);
        assertThat(consumer.paused()).containsExactlyInAnyOrder(TP0, TP1, TP2);

        update(9);
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void whileTheBreakerTrialsOnlyThePartitionsFurthestBehindFetchAndTheBoundIsTheTrialCalls() {
        consumer.lag.putAll(Map.of(TP0, 3L, TP1, 0L, TP2, 7L));
        trials = 2;
        update(0);

        assertThat(limits.inFlightBound()).isEqualTo(2);
        assertThat(consumer.paused()).as("the two furthest behind fetch").containsExactly(TP1);

        update(2);
        assertThat(consumer.paused()).as("trial calls all in flight").containsExactlyInAnyOrder(TP0, TP1, TP2);

        trials = -1; // the breaker closed
        update(2);
        assertThat(limits.inFlightBound()).isEqualTo(10);
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void aPartitionWhoseLagIsNotKnownCountsAsBehind() {
        consumer.lag.putAll(Map.of(TP0, 0L, TP1, 0L));
        trials = 1;
        update(0);

        assertThat(consumer.paused()).containsExactlyInAnyOrder(TP0, TP1);
    }

    @Test
    void aHeldBackPartitionStaysPausedUntilItsRelease() {
        long now = System.nanoTime();
        partitions.holdBack(TP1, now + 1_000_000_000L);
        limits.checkGate();

        limits.updatePauses(0, now);
        assertThat(consumer.paused()).containsExactly(TP1);

        limits.updatePauses(0, now + 1_000_000_000L);
        assertThat(consumer.paused()).isEmpty();
    }
}
