package io.onex.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(5), now::get);

    @Test
    void writesTheFirstLineOfAnIntervalAndCountsTheOthersIntoTheNextOne() {
        assertThat(throttle.admit("db|SQLException")).isZero();
        assertThat(throttle.admit("db|SQLException")).isEqualTo(-1);
        assertThat(throttle.admit("db|SQLException")).isEqualTo(-1);

        now.addAndGet(Duration.ofSeconds(5).toNanos());

        assertThat(throttle.admit("db|SQLException")).isEqualTo(2);
        assertThat(throttle.admit("db|SQLException")).isEqualTo(-1);
    }

    @Test
    void keysAreThrottledApart() {
        assertThat(throttle.admit("a")).isZero();
        assertThat(throttle.admit("b")).isZero();
        assertThat(throttle.admit("a")).isEqualTo(-1);
    }

    @Test
    void theSuffixSaysHowManyLinesWereLeftOut() {
        assertThat(LogThrottle.suffix(0)).isEmpty();
        assertThat(LogThrottle.suffix(499)).isEqualTo(" (499 similar line(s) left out)");
    }
}
