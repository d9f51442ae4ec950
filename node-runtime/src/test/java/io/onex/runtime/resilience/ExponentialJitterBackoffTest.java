package io.onex.runtime.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExponentialJitterBackoffTest {

    private static ExponentialJitterBackoff backoff(double jitter, double random) {
        return new ExponentialJitterBackoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), jitter, () -> random);
    }

    @Test
    void growsByTheMultiplierAndIsCappedAtTheMaximum() {
        ExponentialJitterBackoff b = backoff(0, 0.5);

        assertThat(IntStream.rangeClosed(1, 6).mapToObj(b::apply))
                .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
    }

    @Test
    void jitterSpreadsEachWaitOverPlusMinusItsFractionAfterCapping() {
        assertThat(backoff(0.2, 0.0).apply(1)).isEqualTo(80L);
        assertThat(backoff(0.2, 0.5).apply(1)).isEqualTo(100L);
        assertThat(backoff(0.2, 0.999_999).apply(1)).isEqualTo(120L);
        // capped first: a wait past the cap is jittered around the cap, never beyond cap * (1 + jitter)
        assertThat(backoff(0.2, 0.999_999).apply(10)).isEqualTo(1200L);
        assertThat(backoff(0.2, 0.0).apply(10)).isEqualTo(800L);
    }
}
