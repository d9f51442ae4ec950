package io.onex.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BenchCallCommandTest {

    @Test
    void aFixedRatePhaseMakesRateTimesDurationCallsAndSortsTheirLatencies() throws Exception {
        long[] latencies = BenchCallCommand.fixedRate(i -> CompletableFuture.completedFuture(i), 1000,
                Duration.ofMillis(50));

        assertThat(latencies).hasSize(50);
        assertThat(latencies).isSorted();
    }

    @Test
    void aFailedCallFailsThePhaseRatherThanBeingCountedAsFast() {
        assertThatThrownBy(() -> BenchCallCommand.fixedRate(
                i -> i == 3 ? CompletableFuture.failedFuture(new IllegalStateException("x"))
                        : CompletableFuture.completedFuture(i), 1000, Duration.ofMillis(10)))
                .isInstanceOf(IllegalStateException.class).hasMessage("1 of 10 calls failed");
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        assertThat(BenchCallCommand.pct(sorted, 0.5)).isEqualTo(5);
        assertThat(BenchCallCommand.pct(sorted, 0.99)).isEqualTo(10);
    }
}
