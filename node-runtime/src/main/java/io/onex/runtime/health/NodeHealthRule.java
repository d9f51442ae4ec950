package io.onex.runtime.health;

import io.onex.runtime.resilience.BreakerState;

/**
 * The one rule that turns a node's status into a {@link HealthStatus}, shared by heartbeats and {@code /health}:
 * breaker open → {@code unhealthy}; breaker half open → {@code recovering}; consumer unhealthy → {@code degraded};
 * else {@code healthy}.
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
        return evaluate(status.breakerState(), status.consumerHealthy());
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
