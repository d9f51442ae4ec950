package io.onex.runtime.health;

import io.onex.runtime.lag.GroupVerdict;
import io.onex.runtime.resilience.BreakerState;

/**
 * The one rule that turns a node's status into a {@link HealthStatus}, shared by heartbeats and {@code /health}:
 * breaker open → {@code unhealthy}; breaker half open → {@code recovering}; consumer unhealthy → {@code degraded};
 * else {@code healthy}; then the node's consumer group, if worse: a lag warning → {@code degraded}, critical →
 * {@code unhealthy}.
 */
public final class NodeHealthRule {

    private NodeHealthRule() {
    }

    /**
     * Evaluates a node's current status.
     *
     * @param status the node's status
     * @return its health
     */
    public static HealthStatus evaluate(NodeStatusSource status) {
        return evaluate(status.breakerState(), status.consumerHealthy()).worse(status.groupHealth());
    }

    /**
     * A consumer group's health by its lag verdict: ok → {@code healthy}, a warning (lag above the warning threshold,
     * catching up, DLQ rate) → {@code degraded}, critical (lag above the critical threshold, stalled, no members) →
     * {@code unhealthy}.
     *
     * @param verdict the group's verdict
     * @return the health
     */
    public static HealthStatus of(GroupVerdict verdict) {
        return switch (verdict.severity()) {
            case OK -> HealthStatus.HEALTHY;
            case WARNING -> HealthStatus.DEGRADED;
            case CRITICAL -> HealthStatus.UNHEALTHY;
        };
    }

    /**
     * Evaluates a breaker state and consumer health.
     *
     * @param breakerState the breaker's state
     * @param consumerHealthy whether the node's consumer is healthy
     * @return the health
     */
    public static HealthStatus evaluate(BreakerState breakerState, boolean consumerHealthy) {
        if (breakerState == BreakerState.OPEN) {
            return HealthStatus.UNHEALTHY;
        }
        if (breakerState == BreakerState.HALF_OPEN) {
            return HealthStatus.RECOVERING;
        }
        if (!consumerHealthy) {
            return HealthStatus.DEGRADED;
        }
        return HealthStatus.HEALTHY;
    }
}
