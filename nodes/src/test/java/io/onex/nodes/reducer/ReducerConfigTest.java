package io.onex.nodes.reducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.contract.NodeContract;
import io.onex.api.contract.ResilienceSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReducerConfigTest {

    @Test
    void theShippedContractGivesTheDefaults() {
        ReducerConfig config = ReducerConfig.from(ReducerFixture.contract(Map.of()));
        assertThat(config).isEqualTo(new ReducerConfig(100, Duration.ofSeconds(5), 20,
                java.util.Set.of("metadata_stamping")));
    }

    @Test
    void windowsAreOverriddenByEnvironment() {
        ReducerConfig config = ReducerConfig.from(ReducerFixture.contract(Map.of("BRIDGE_REDUCER_WINDOW_SIZE", "20",
                "BRIDGE_REDUCER_WINDOW_TIME", "500ms")));
        assertThat(config.windowSize()).isEqualTo(20);
        assertThat(config.windowTime()).isEqualTo(Duration.ofMillis(500));
        ReducerConfig all = ReducerConfig.from(ReducerFixture.contract(Map.of("BRIDGE_REDUCER_WORKFLOW_TYPES", "*")));
        assertThat(all.countsWorkflowType("document_ingestion")).isTrue();
        ReducerConfig two = ReducerConfig.from(ReducerFixture.contract(Map.of("BRIDGE_REDUCER_WORKFLOW_TYPES",
                "metadata_stamping, bulk_stamping")));
        assertThat(two.workflowTypes()).containsExactlyInAnyOrder("metadata_stamping", "bulk_stamping");
        assertThat(two.countsWorkflowType("document_ingestion")).isFalse();
    }

    @Test
    void everyBadSettingIsReportedTogether() {
        NodeContract contract = ReducerFixture.contract(Map.of()).toBuilder().config(Map.of("window_size", "0",
                "window_time", "soon", "window_sise", 5)).build();
        assertThatThrownBy(() -> ReducerConfig.from(contract)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("3 errors in ../contracts/bridge_reducer.yaml: "
                        + "config.window_sise: unknown key, expected one of [window_size, window_time, workflow_id_samples, workflow_types]; "
                        + "config.window_size: expected a whole number from 1 to 100000, but was '0'; "
                        + "config.window_time: expected a positive duration like 500ms, 5s or 1m, but was 'soon'");
    }

    @Test
    void anAttemptMustOutliveTheWindowAndTheInFlightBoundHoldAWindow() {
        NodeContract base = ReducerFixture.contract(Map.of("BRIDGE_REDUCER_MAX_IN_FLIGHT", "50"));
        ResilienceSpec r = base.resilience();
        NodeContract contract = base.toBuilder().resilience(new ResilienceSpec(Duration.ofSeconds(5), r.retry(),
                r.circuitBreaker())).build();
        assertThatThrownBy(() -> ReducerConfig.from(contract))
                .hasMessage("2 errors in ../contracts/bridge_reducer.yaml: "
                        + "resilience.timeout must be longer than config.window_time (5000 ms): an event's call lasts "
                        + "until its window is published, but was 5000 ms; "
                        + "consumer.max_in_flight must be at least config.window_size (100): a window holds its events "
                        + "in flight until it is published, but was 50");
    }
}
