package io.onex.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResilienceSpecBuildersTest {

    @Test
    void customStartsFromTheDefaultsAndChangesOnlyWhatIsSet() {
        RetrySpec retry = RetrySpec.custom().maxAttempts(5).neverRetryOn(List.of("IOException")).build();

        assertThat(retry).isEqualTo(new RetrySpec(5, Duration.ofMillis(100), 2.0, Duration.ofSeconds(10), 0.2,
                List.of(), List.of("IOException")));
        assertThat(CircuitBreakerSpec.custom().build()).isEqualTo(CircuitBreakerSpec.defaults());
        assertThat(ResilienceSpec.custom().build()).isEqualTo(ResilienceSpec.defaults());
    }

    @Test
    void fromCopiesASpecToChangeIt() {
        RetrySpec base = RetrySpec.custom().maxAttempts(4).jitter(0).build();

        assertThat(RetrySpec.from(base).maxAttempts(1).build())
                .isEqualTo(new RetrySpec(1, Duration.ofMillis(100), 2.0, Duration.ofSeconds(10), 0, List.of(), List.of()));
    }

    @Test
    void retrySettersRejectBadValuesSayingWhatWasExpectedAndWhatCame() {
        assertThatThrownBy(() -> RetrySpec.custom().maxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts must be greater than or equal to 1, but was 0");
        assertThatThrownBy(() -> RetrySpec.custom().initialBackoff(Duration.ZERO))
                .hasMessage("initialBackoff must be greater than 0 ms, but was 0 ms");
        assertThatThrownBy(() -> RetrySpec.custom().multiplier(0.5))
                .hasMessage("multiplier must be greater than or equal to 1, but was 0.5");
        assertThatThrownBy(() -> RetrySpec.custom().jitter(1.0))
                .hasMessage("jitter must be greater than or equal to 0 and lower than 1, but was 1.0");
        assertThatThrownBy(() -> RetrySpec.custom().retryOn(List.of(" ")))
                .hasMessage("retryOn must hold exception class names, but held a blank name");
    }

    @Test
    void retryBuildRejectsACapBelowTheFirstWait() {
        assertThatThrownBy(() -> RetrySpec.custom().initialBackoff(Duration.ofSeconds(2))
                .maxBackoff(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBackoff must be greater than or equal to initialBackoff (2000 ms), but was 1000 ms");
    }

    @Test
    void breakerSettersAndBuildRejectBadValues() {
        assertThatThrownBy(() -> CircuitBreakerSpec.custom().failureRateThreshold(120f))
                .hasMessage("failureRateThreshold must be greater than 0 and lower than or equal to 100, but was 120.0");
        assertThatThrownBy(() -> CircuitBreakerSpec.custom().slidingWindowSize(0))
                .hasMessage("slidingWindowSize must be greater than or equal to 1, but was 0");
        assertThatThrownBy(() -> CircuitBreakerSpec.custom().waitInOpen(Duration.ofSeconds(-1)))
                .hasMessage("waitInOpen must be greater than 0 ms, but was -1000 ms");
        assertThatThrownBy(() -> CircuitBreakerSpec.custom().slidingWindowSize(3).minimumCalls(4).build())
                .hasMessage("minimumCalls must be lower than or equal to slidingWindowSize (3), but was 4");
        assertThatThrownBy(() -> ResilienceSpec.custom().timeout(Duration.ZERO))
                .hasMessage("timeout must be greater than 0 ms, but was 0 ms");
    }

    @Test
    void consecutiveFailuresIsTheContractsFailureThresholdShorthand() {
        CircuitBreakerSpec b = CircuitBreakerSpec.custom().failureRateThreshold(50f).consecutiveFailures(2).build();

        assertThat(b.slidingWindowSize()).isEqualTo(2);
        assertThat(b.minimumCalls()).isEqualTo(2);
        assertThat(b.failureRateThreshold()).isEqualTo(100f);
    }
}
