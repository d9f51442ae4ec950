package io.onex.runtime.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.contract.NodeContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The contract's {@code health} section: the node's group's own lag and DLQ-rate thresholds. */
class HealthKeysTest {

    private static final String BASE = """
            name: orders_reducer
            version: 1.0.0
            node_type: reducer
            implementation: com.example.OrdersReducer
            """;
    private static final String SUBSCRIBING = BASE + "topics:\n  subscribe: [onex.evt.orders.v1]\n";
    private final ContractLoader loader = new ContractLoader(Map.of());

    @Test
    void withoutTheSectionEveryThresholdIsTheRuntimes() throws Exception {
        NodeContract c = loader.parse(SUBSCRIBING, Path.of("orders.yaml"));

        assertThat(c.health().lagWarning()).isEmpty();
        assertThat(c.health().lagCritical()).isEmpty();
        assertThat(c.health().dlqRateWarning()).isEmpty();
    }

    @Test
    void theSectionGivesTheGroupsOwnThresholds() throws Exception {
        NodeContract c = loader.parse(SUBSCRIBING + "health:\n  lag_warning: 100\n  lag_critical: 400\n"
                + "  dlq_rate_warning: 0.05\n", Path.of("orders.yaml"));

        assertThat(c.health().lagWarning()).isEqualTo(OptionalLong.of(100));
        assertThat(c.health().lagCritical()).isEqualTo(OptionalLong.of(400));
        assertThat(c.health().dlqRateWarning()).isEqualTo(OptionalDouble.of(0.05));
    }

    @Test
    void aCriticalLagBelowTheWarningLagIsRefusedAtItsLine() {
        assertThatThrownBy(() -> loader.parse(SUBSCRIBING + "health:\n  lag_warning: 500\n  lag_critical: 100\n",
                Path.of("orders.yaml"))).isInstanceOf(ContractValidationException.class)
                .hasMessageContaining("orders.yaml:9:3: health.lag_critical: must be >= health.lag_warning (500),"
                        + " but was 100");
    }

    @Test
    void aDeadLetterRateAboveOneIsRefused() {
        assertThatThrownBy(() -> loader.parse(SUBSCRIBING + "health:\n  dlq_rate_warning: 5\n",
                Path.of("orders.yaml"))).isInstanceOf(ContractValidationException.class)
                .hasMessageContaining("health.dlq_rate_warning");
    }

    @Test
    void healthWithoutSubscribedTopicsIsRefused() {
        assertThatThrownBy(() -> loader.parse(BASE + "health:\n  lag_warning: 10\n", Path.of("orders.yaml")))
                .isInstanceOf(ContractValidationException.class)
                .hasMessageContaining("health: allowed only when topics.subscribe lists at least one topic");
    }

    @Test
    void anUnknownKeyUnderHealthIsRejected() {
        assertThatThrownBy(() -> loader.parse(SUBSCRIBING + "health:\n  lag_warn: 10\n", Path.of("orders.yaml")))
                .isInstanceOf(ContractValidationException.class).hasMessageContaining("lag_warn");
    }
}
