package io.onex.runtime.health;

import io.onex.runtime.lag.GroupVerdict;
import io.onex.runtime.resilience.BreakerState;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the {@link HealthReport} from what the runtime exposes: whether its threads live, whether the broker
 * answers, each consumer's assignment and each node's status. Thread-safe; cheap enough to call per request.
 *
 * <p>The status is the worst of the nodes' ({@link NodeHealthRule}) and the consumer groups' lag verdicts
 * ({@link NodeHealthRule#of}); unhealthy without a broker; critical when not live.
 *
 * <p>Ready means: live, broker reachable, every consumer has at least one partition, and no breaker is open.
 * A supplier that throws counts as the bad answer (not live, broker unreachable, no assignment), never as an error
 * of the health endpoint itself.
 */
public final class RuntimeHealth {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeHealth.class);

    private final BooleanSupplier threadsAlive;
    private final BooleanSupplier brokerReachable;
    private final Map<String, NodeStatusSource> nodes;
    private final Supplier<Map<String, Integer>> consumerAssignments;
    private final Supplier<Map<String, GroupVerdict>> groups;
    private final Clock clock;

    /**
     * @param threadsAlive whether the runtime's threads (consumer loops, scheduler) are alive
     * @param brokerReachable whether the Kafka cluster answers (should be cached by the caller: it is asked per request)
     * @param nodes each node's status, by node id
     * @param consumerAssignments partitions currently assigned, by consumer name
     * @param clock the clock stamping reports
     */
    public RuntimeHealth(BooleanSupplier threadsAlive, BooleanSupplier brokerReachable,
            Map<String, NodeStatusSource> nodes, Supplier<Map<String, Integer>> consumerAssignments, Clock clock) {
        this(threadsAlive, brokerReachable, nodes, consumerAssignments, Map::of, clock);
    }

    /**
     * @param threadsAlive whether the runtime's threads (consumer loops, scheduler) are alive
     * @param brokerReachable whether the Kafka cluster answers (should be cached by the caller: it is asked per request)
     * @param nodes each node's status, by node id
     * @param consumerAssignments partitions currently assigned, by consumer name
     * @param groups the lag verdict of each consumer group the nodes consume in, by group
     * @param clock the clock stamping reports
     */
    public RuntimeHealth(BooleanSupplier threadsAlive, BooleanSupplier brokerReachable,
            Map<String, NodeStatusSource> nodes, Supplier<Map<String, Integer>> consumerAssignments,
            Supplier<Map<String, GroupVerdict>> groups, Clock clock) {
        this.groups = Objects.requireNonNull(groups, "groups");
        this.threadsAlive = Objects.requireNonNull(threadsAlive, "threadsAlive");
        this.brokerReachable = Objects.requireNonNull(brokerReachable, "brokerReachable");
        this.nodes = Map.copyOf(Objects.requireNonNull(nodes, "nodes"));
        this.consumerAssignments = Objects.requireNonNull(consumerAssignments, "consumerAssignments");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The report as of now. */
    public HealthReport report() {
        boolean live = ask("threadsAlive", threadsAlive);
        boolean broker = ask("brokerReachable", brokerReachable);
        Map<String, Integer> assignments = assignments();

        HealthStatus status = HealthStatus.HEALTHY;
        boolean breakerOpen = false;
        Map<String, HealthReport.NodeHealth> nodeHealth = new LinkedHashMap<>();
        for (Map.Entry<String, NodeStatusSource> e : new TreeMap<>(nodes).entrySet()) {
            NodeStatusSource s = e.getValue();
            BreakerState breaker = s.breakerState();
            boolean consumerHealthy = s.consumerHealthy();
            HealthStatus node = NodeHealthRule.evaluate(breaker, consumerHealthy).worse(s.groupHealth());
            nodeHealth.put(e.getKey(), new HealthReport.NodeHealth(node, breaker, consumerHealthy, s.activeOperations()));
            status = status.worse(node);
            breakerOpen |= breaker == BreakerState.OPEN;
        }
        Map<String, GroupVerdict> verdicts = verdicts();
        for (GroupVerdict v : verdicts.values()) {
            status = status.worse(NodeHealthRule.of(v));
        }
        boolean allAssigned = assignments.values().stream().allMatch(n -> n != null && n > 0);
        if (!allAssigned) {
            status = status.worse(HealthStatus.DEGRADED);
        }
        if (!broker) {
            status = status.worse(HealthStatus.UNHEALTHY);
        }
        if (!live) {
            status = HealthStatus.CRITICAL;
        }
        boolean ready = live && broker && allAssigned && !breakerOpen;
        return new HealthReport(status, live, ready, broker, assignments, nodeHealth, verdicts, clock.instant());
    }

    private static boolean ask(String what, BooleanSupplier supplier) {
        try {
            return supplier.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("health check {} failed, counting it as false: {}", what, e.toString());
            return false;
        }
    }

    private Map<String, GroupVerdict> verdicts() {
        try {
            Map<String, GroupVerdict> m = groups.get();
            return m == null ? Map.of() : new TreeMap<>(m);
        } catch (RuntimeException e) {
            LOG.warn("health check groups failed, reporting no group verdicts: {}", e.toString());
            return Map.of();
        }
    }

    private Map<String, Integer> assignments() {
        try {
            Map<String, Integer> m = consumerAssignments.get();
            return m == null ? Map.of() : new TreeMap<>(m);
        } catch (RuntimeException e) {
            LOG.warn("health check consumerAssignments failed, counting every consumer as unassigned: {}", e.toString());
            // without an answer we cannot claim readiness: report one unassigned pseudo-consumer
            return Map.of("unknown", 0);
        }
    }
}
