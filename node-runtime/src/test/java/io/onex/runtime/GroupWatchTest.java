package io.onex.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.contract.NodeContract;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.lag.GroupHealthThresholds;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which thresholds a node's group is judged by: its contract's health keys over the runtime's environment. */
class GroupWatchTest {

    private static final String ORDERS = """
            name: orders_reducer
            version: 1.0.0
            node_type: reducer
            implementation: com.example.OrdersReducer
            topics:
              subscribe: [onex.evt.orders.v1]
            """;

    private static NodeContract contract(String yaml) throws Exception {
        return new ContractLoader(Map.of()).parse(yaml, Path.of("orders.yaml"));
    }

    @Test
    void theRuntimesDefaultsComeFromTheEnvironment() {
        RuntimeConfig config = RuntimeConfig.fromEnvironment(Map.of("ONEX_LAG_WARNING", "10",
                "ONEX_LAG_CRITICAL", "20", "ONEX_DLQ_RATE_WARNING", "0.2"));

        assertThat(config.groupHealthThresholds()).isEqualTo(new GroupHealthThresholds(10, 20, 0.2));
        assertThat(RuntimeConfig.defaults().groupHealthThresholds()).isEqualTo(GroupHealthThresholds.DEFAULTS);
    }

    @Test
    void aContractsHealthKeysOverrideTheRuntimesOneByOne() throws Exception {
        NodeContract c = contract(ORDERS + "health:\n  lag_critical: 50000\n");

        List<GroupWatch> watches = GroupWatch.of(List.of(c), GroupHealthThresholds.DEFAULTS);

        assertThat(watches).containsExactly(new GroupWatch("orders_reducer",
                new GroupHealthThresholds(1_000, 50_000, 0.01), List.of("orders_reducer")));
    }

    @Test
    void aContractWarningAboveTheRuntimesCriticalLagIsNamedWithBothSources() throws Exception {
        NodeContract c = contract(ORDERS + "health:\n  lag_warning: 8000\n");

        assertThatThrownBy(() -> GroupWatch.thresholds(c, GroupHealthThresholds.DEFAULTS))
                .hasMessage("orders.yaml: health: the critical lag (5000, ONEX_LAG_CRITICAL) must be >= the warning"
                        + " lag (8000, health.lag_warning)");
    }

    @Test
    void aCriticalLagBelowTheWarningLagInTheEnvironmentIsAConfigurationError() {
        assertThatThrownBy(() -> RuntimeConfig.fromEnvironment(Map.of("ONEX_LAG_CRITICAL", "500")))
                .hasMessageContaining("Invalid value 500 for configuration ONEX_LAG_CRITICAL: ONEX_LAG_CRITICAL (500)"
                        + " must be greater than or equal to ONEX_LAG_WARNING (1000)");
    }

    @Test
    void nodesWithoutAConsumerAreNotWatched() throws Exception {
        NodeContract c = contract(ORDERS.replace("topics:\n  subscribe: [onex.evt.orders.v1]\n", ""));

        assertThat(GroupWatch.of(List.of(c), GroupHealthThresholds.DEFAULTS)).isEmpty();
    }
}
