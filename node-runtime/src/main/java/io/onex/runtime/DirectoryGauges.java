package io.onex.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.directory.NodeFilter;
import io.onex.runtime.directory.NodeStatus;
import java.time.Clock;
import java.util.Set;

/**
 * {@value #NODES} by {@code status}: the nodes of the network this runtime's directory sees, counted as
 * {@code onex nodes} lists them (expired and offline ones for {@link NodeFilter#STALE_AFTER} after they were last
 * seen), so that the node-expired alert fires for a node that just died and not forever for one that ran last week.
 */
final class DirectoryGauges {

    static final String NODES = "onex.directory.nodes";

    private DirectoryGauges() {
    }

    static void register(MeterRegistry registry, NodeDirectory directory, Clock clock) {
        for (NodeStatus status : NodeStatus.values()) {
            NodeFilter shown = NodeFilter.recent().withStatuses(Set.of(status));
            Gauge.builder(NODES, directory, d -> shown.apply(d.all(), clock.instant()).size())
                    .tag("status", status.wireName())
                    .description("Nodes of the network by status, as this runtime's directory sees them")
                    .register(registry);
        }
    }
}
