package io.onex.runtime.dashboard;

import io.onex.runtime.directory.NodeEntry;
import io.onex.runtime.health.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the Nodes page shows: the registry's table ({@link io.onex.runtime.directory.NodeDirectory}), one row per node
 * instance, live ones first, and per node name how many of its instances are live.
 *
 * @param now when the view was taken, epoch millis
 * @param nodes one row per instance: active, then suspect, then expired and offline; by name and id within each
 * @param instances per node name, its live and known instances
 */
public record NodesView(long now, List<Row> nodes, List<Instances> instances) {

    public NodesView {
        nodes = List.copyOf(nodes);
        instances = List.copyOf(instances);
    }

    /**
     * One node instance.
     *
     * @param nodeId its id
     * @param name its contract name
     * @param type effect, compute, reducer or orchestrator
     * @param version its version ("" until its introspection is seen)
     * @param status active, suspect, expired or offline
     * @param lastSeen its last sign of life, epoch millis (the event's own timestamp)
     * @param silentSeconds seconds since then: the age the page shows beside the status
     * @param heartbeatSeconds its heartbeat interval
     * @param health the health of its last heartbeat ({@code healthy}, ...), "" before the first
     * @param breakers its circuit breakers' states by breaker name, from its last heartbeat
     */
    public record Row(String nodeId, String name, String type, String version, String status, long lastSeen,
            long silentSeconds, long heartbeatSeconds, String health, Map<String, String> breakers) {
    }

    /**
     * The instances of one node name.
     *
     * @param name the node name
     * @param live active or suspect instances
     * @param known every instance heard of
     */
    public record Instances(String name, int live, int known) {
    }

    /**
     * The view of the directory's entries now.
     *
     * @param entries the directory's entries ({@link io.onex.runtime.directory.NodeDirectory#all()})
     * @param health each node's last reported health
     * @param now the time the ages are counted to
     */
    public static NodesView of(List<NodeEntry> entries, Function<String, Optional<HealthStatus>> health, Instant now) {
        List<NodeEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing((NodeEntry e) -> e.status().ordinal()).thenComparing(NodeEntry::nodeName)
                .thenComparing(NodeEntry::nodeId));
        List<Row> rows = new ArrayList<>();
        Map<String, int[]> counts = new TreeMap<>();
        for (NodeEntry e : sorted) {
            long silent = Math.max(0, Duration.between(e.lastSeen(), now).toSeconds());
            rows.add(new Row(e.nodeId(), e.nodeName(), e.nodeType().wireName(), e.nodeVersion(),
                    e.status().wireName(), e.lastSeen().toEpochMilli(), silent, e.heartbeatInterval().toSeconds(),
                    health.apply(e.nodeId()).map(HealthStatus::wireName).orElse(""), e.circuitBreakers()));
            int[] c = counts.computeIfAbsent(e.nodeName(), n -> new int[2]);
            c[0] += e.status().live() ? 1 : 0;
            c[1]++;
        }
        List<Instances> instances = new ArrayList<>();
        counts.forEach((name, c) -> instances.add(new Instances(name, c[0], c[1])));
        return new NodesView(now.toEpochMilli(), rows, instances);
    }
}
