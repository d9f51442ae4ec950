package io.onex.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.runtime.lag.GroupVerdict;
import io.onex.runtime.resilience.BreakerState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RuntimeHealthTest {

    private final Clock clock = Clock.fixed(Instant.parse("2023-12-01T16:00:00.123Z"), ZoneOffset.UTC);
    private final AtomicBoolean threadsAlive = new AtomicBoolean(true);
    private final AtomicBoolean broker = new AtomicBoolean(true);
    private final Map<String, Integer> assignments = new HashMap<>(Map.of("orchestrator-1", 3));
    private final FixedStatus orchestrator = new FixedStatus();
    private final FixedStatus reducer = new FixedStatus();
    private final RuntimeHealth health = new RuntimeHealth(threadsAlive::get, broker::get,
            Map.of("orchestrator-1", orchestrator, "reducer-1", reducer), () -> Map.copyOf(assignments), clock);

    private final Map<String, GroupVerdict> verdicts = new HashMap<>();
    private final RuntimeHealth withGroups = new RuntimeHealth(() -> true, () -> true, Map.of(), Map::of,
            () -> Map.copyOf(verdicts), clock);

    @Test
    void readyAndHealthyWhenBrokerReachableConsumersAssignedAndBreakersClosed() {
        HealthReport report = health.report();

        assertThat(report.ready()).isTrue();
        assertThat(report.live()).isTrue();
        assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void notReadyWhenTheBrokerIsUnreachable() {
        broker.set(false);

        HealthReport report = health.report();

        assertThat(report.ready()).isFalse();
        assertThat(report.live()).isTrue();
        assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void notReadyWhileAConsumerHasNoPartitions() {
        assignments.put("reducer-1", 0);

        HealthReport report = health.report();

        assertThat(report.ready()).isFalse();
        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void notReadyWhileABreakerIsOpenAndStatusIsTheWorstNodes() {
        reducer.breaker = BreakerState.OPEN;
        orchestrator.consumerHealthy = false;

        HealthReport report = health.report();

        assertThat(report.ready()).isFalse();
        assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(report.nodes().get("reducer-1").status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(report.nodes().get("orchestrator-1").status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void halfOpenBreakerIsReadyButRecovering() {
        reducer.breaker = BreakerState.HALF_OPEN;

        HealthReport report = health.report();

        assertThat(report.ready()).isTrue();
        assertThat(report.status()).isEqualTo(HealthStatus.RECOVERING);
    }

    @Test
    void deadThreadsMakeTheRuntimeCriticalAndNotReady() {
        threadsAlive.set(false);

        HealthReport report = health.report();

        assertThat(report.live()).isFalse();
        assertThat(report.ready()).isFalse();
        assertThat(report.status()).isEqualTo(HealthStatus.CRITICAL);
    }

    @Test
    void throwingBrokerCheckCountsAsUnreachable() {
        RuntimeHealth failing = new RuntimeHealth(() -> true, () -> {
            throw new IllegalStateException("admin client closed");
        }, Map.of(), Map::of, clock);

        HealthReport report = failing.report();

        assertThat(report.brokerReachable()).isFalse();
        assertThat(report.ready()).isFalse();
    }

    @Test
    void reportJsonIsSnakeCaseWithEveryPart() throws Exception {
        reducer.breaker = BreakerState.HALF_OPEN;
        reducer.activeOperations = 2;

        JsonNode json = new ObjectMapper().readTree(health.report().toJson());

        assertThat(json.get("status").asText()).isEqualTo("recovering");
        assertThat(json.get("live").asBoolean()).isTrue();
        assertThat(json.get("ready").asBoolean()).isTrue();
        assertThat(json.get("checked_at").asText()).isEqualTo("2023-12-01T16:00:00.123Z");
        assertThat(json.at("/liveness/threads_alive").asBoolean()).isTrue();
        assertThat(json.at("/readiness/broker_reachable").asBoolean()).isTrue();
        assertThat(json.at("/readiness/consumers/orchestrator-1/assigned").asInt()).isEqualTo(3);
        JsonNode node = json.at("/nodes/reducer-1");
        assertThat(node.get("health_status").asText()).isEqualTo("recovering");
        assertThat(node.get("breaker_state").asText()).isEqualTo("half_open");
        assertThat(node.get("consumer_healthy").asBoolean()).isTrue();
        assertThat(node.get("active_operations").asInt()).isEqualTo(2);
        assertThat(json.fieldNames()).toIterable()
                .containsExactly("status", "live", "ready", "checked_at", "liveness", "readiness", "nodes", "groups");
    }

    @Test
    void aGroupsLagVerdictSetsTheStatusAWarningDegradedACriticalUnhealthyWithoutTouchingReadiness() {
        verdicts.put("orders", new GroupVerdict("orders", GroupVerdict.Kind.CATCHING_UP, "catching up", 9_000));
        assertThat(withGroups.report().status()).isEqualTo(HealthStatus.DEGRADED);

        verdicts.put("audit", new GroupVerdict("audit", GroupVerdict.Kind.STALLED, "stalled", 5));
        HealthReport report = withGroups.report();

        assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(report.ready()).isTrue();
        assertThat(report.groups()).containsOnlyKeys("audit", "orders");
    }

    @Test
    void reportJsonCarriesEachGroupsVerdictHealthLagAndReason() throws Exception {
        verdicts.put("orders", new GroupVerdict("orders", GroupVerdict.Kind.STALLED, "lag 5,210 on"
                + " dev.onex.evt.orders.v1[3] and committed offset unchanged for 4m30s: stalled", 5_210));

        JsonNode group = new ObjectMapper().readTree(withGroups.report().toJson()).at("/groups/orders");

        assertThat(group.toString()).isEqualTo("{\"verdict\":\"stalled\",\"health_status\":\"unhealthy\","
                + "\"lag\":5210,\"reason\":\"lag 5,210 on dev.onex.evt.orders.v1[3] and committed offset unchanged"
                + " for 4m30s: stalled\"}");
    }

    @Test
    void aNodeWhoseGroupLagsIsAsUnhealthyAsItsGroup() {
        reducer.groupHealth = HealthStatus.UNHEALTHY;

        HealthReport report = health.report();

        assertThat(report.nodes().get("reducer-1").status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    private static final class FixedStatus implements NodeStatusSource {
        volatile BreakerState breaker = BreakerState.CLOSED;
        volatile boolean consumerHealthy = true;
        volatile int activeOperations;
        volatile HealthStatus groupHealth = HealthStatus.HEALTHY;

        @Override
        public HealthStatus groupHealth() {
            return groupHealth;
        }

        @Override
        public BreakerState breakerState() {
            return breaker;
        }

        @Override
        public boolean consumerHealthy() {
            return consumerHealthy;
        }

        @Override
        public int activeOperations() {
            return activeOperations;
        }

        @Override
        public Instant lastActivity() {
            return null;
        }
    }
}
