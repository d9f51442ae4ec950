package io.onex.runtime.health;

import io.onex.runtime.resilience.BreakerState;
import java.time.Instant;

/**
 * What the runtime knows about one running node right now: read by heartbeats and by the {@code /health} report.
 *
 * <p>The runtime implements it from the node's pipeline (circuit breaker, in-flight calls) and its consumer loop.
 * Every method is called from scheduler and HTTP threads, so implementations must be thread-safe and cheap.
 */
public interface NodeStatusSource {

    /** The node's circuit breaker state ({@link BreakerState#DISABLED} when its contract turns the breaker off). */
    BreakerState breakerState();

    /**
     * Whether the node's consumer loop is running and polling.
     *
     * @return true when healthy, and true for nodes without a consumer
     */
    boolean consumerHealthy();

    /**
     * Calls in flight.
     *
     * @return the number of node calls started and not yet finished
     */
    int activeOperations();

    /**
     * When the node last did something (finished a call, consumed a record).
     *
     * @return the instant, or null when the node has done nothing yet
     */
    Instant lastActivity();

    /**
     * The health of the node's consumer group by its lag verdict ({@link NodeHealthRule#of}): degraded on a warning,
     * unhealthy when critical.
     *
     * @return healthy for nodes without a consumer, and before the group's first sample
     */
    default HealthStatus groupHealth() {
        return HealthStatus.HEALTHY;
    }
}
