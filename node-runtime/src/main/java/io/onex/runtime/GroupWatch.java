package io.onex.runtime;

import io.onex.api.contract.HealthSpec;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.lag.GroupHealthThresholds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One consumer group the runtime's nodes consume in, watched for lag: its thresholds (the first of its contracts'
 * {@code health} section over the runtime's defaults) and the consumers (contract names) whose record counters give
 * its dead-letter rate.
 *
 * @param group the consumer group
 * @param thresholds its thresholds
 * @param consumers the contract names of the nodes consuming in it
 */
record GroupWatch(String group, GroupHealthThresholds thresholds, List<String> consumers) {

    GroupWatch {
        consumers = List.copyOf(consumers);
    }

    /**
     * The groups of the subscribing contracts, in contract order.
     *
     * @throws IllegalArgumentException when a contract's thresholds and the defaults do not fit together
     */
    static List<GroupWatch> of(List<NodeContract> contracts, GroupHealthThresholds defaults) {
        Map<String, GroupHealthThresholds> thresholds = new LinkedHashMap<>();
        Map<String, List<String>> consumers = new LinkedHashMap<>();
        for (NodeContract c : contracts) {
            if (c.consumer().isEmpty()) {
                continue;
            }
            String group = c.consumer().get().groupId();
            thresholds.putIfAbsent(group, thresholds(c, defaults));
            consumers.computeIfAbsent(group, g -> new ArrayList<>()).add(c.name());
        }
        List<GroupWatch> watches = new ArrayList<>();
        thresholds.forEach((g, t) -> watches.add(new GroupWatch(g, t, consumers.get(g))));
        return watches;
    }

    /**
     * A contract's thresholds: its {@code health} keys over the runtime's.
     *
     * @throws IllegalArgumentException naming the contract and the keys when the result is out of order (a contract's
     *     lag_warning above the runtime's critical lag, say)
     */
    static GroupHealthThresholds thresholds(NodeContract c, GroupHealthThresholds defaults) {
        HealthSpec h = c.health();
        long warning = h.lagWarning().orElse(defaults.lagWarning());
        long critical = h.lagCritical().orElse(defaults.lagCritical());
        if (critical < warning) {
            throw new IllegalArgumentException(c.source().map(Object::toString).orElse(c.name()) + ": health: the "
                    + "critical lag (" + critical + (h.lagCritical().isPresent() ? ", health.lag_critical"
                    : ", ONEX_LAG_CRITICAL") + ") must be >= the warning lag (" + warning
                    + (h.lagWarning().isPresent() ? ", health.lag_warning" : ", ONEX_LAG_WARNING") + ")");
        }
        return new GroupHealthThresholds(warning, critical, h.dlqRateWarning().orElse(defaults.dlqRateWarning()));
    }
}
