package io.onex.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.runtime.resilience.BreakerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class NodeHealthRuleTest {

    @ParameterizedTest(name = "breaker {0}, consumer healthy {1} -> {2}")
    @CsvSource({
            "open, true, unhealthy",
            "open, false, unhealthy",
            "half_open, true, recovering",
            "half_open, false, recovering",
            "closed, false, degraded",
            "disabled, false, degraded",
            "closed, true, healthy",
            "disabled, true, healthy",
    })
    void breakerStateDecidesBeforeConsumerHealth(String breaker, boolean consumerHealthy, String expected) {
        assertThat(NodeHealthRule.evaluate(BreakerState.ofWireName(breaker), consumerHealthy).wireName()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(HealthStatus.class)
    void wireNamesReadBack(HealthStatus status) {
        assertThat(HealthStatus.fromWire(status.wireName())).isEqualTo(status);
    }

    @Test
    void worseOrdersStatusesFromHealthyToCritical() {
        assertThat(HealthStatus.HEALTHY.worse(HealthStatus.RECOVERING)).isEqualTo(HealthStatus.RECOVERING);
        assertThat(HealthStatus.DEGRADED.worse(HealthStatus.RECOVERING)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(HealthStatus.UNHEALTHY.worse(HealthStatus.DEGRADED)).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(HealthStatus.UNHEALTHY.worse(HealthStatus.CRITICAL)).isEqualTo(HealthStatus.CRITICAL);
    }

    @Test
    void unknownWireNameIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> HealthStatus.fromWire("ok"))
                .hasMessage("health status must be one of healthy, degraded, unhealthy, critical, recovering, but was 'ok'");
    }
}
