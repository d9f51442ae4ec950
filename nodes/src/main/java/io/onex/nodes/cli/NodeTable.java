package io.onex.nodes.cli;

import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.directory.NodeEntry;
import io.onex.runtime.directory.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the registry's nodes as the fixed-width table {@code onex nodes} and {@code onex demo} print. */
final class NodeTable {
    static final List<String> HEADERS = List.of("NODE ID", "NAME", "TYPE", "VERSION", "STATUS", "LAST HEARTBEAT",
            "BREAKERS");

    private NodeTable() {
    }

    /**
     * @param nodes the nodes, in any order: live ones are listed first, then by name and node id
     * @param now what heartbeat ages are measured against
     * @return the table, one line per node after the header, each line ending in a line separator
     */
    static String render(List<NodeEntry> nodes, Instant now) {
        List<NodeEntry> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparing((NodeEntry e) -> rank(e.status())).thenComparing(NodeEntry::nodeName)
                .thenComparing(NodeEntry::nodeId));
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (NodeEntry e : sorted) {
            rows.add(List.of(e.nodeId(), e.nodeName(), e.nodeType().wireName(),
                    e.nodeVersion().isEmpty() ? "-" : e.nodeVersion(), e.status().wireName(),
                    e.lastHeartbeat().map(at -> age(Duration.between(at, now))).orElse("-"),
                    breakers(e.circuitBreakers())));
        }
        int[] widths = new int[HEADERS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }

    /**
     * One status change as {@code onex nodes --watch} prints it: time (UTC), what happened, the node, and its last
     * heartbeat's age, e.g. {@code 06:59:01  expired   bridge-reducer-pod-a  bridge_reducer  reducer  1.0.0  last
     * heartbeat 95s ago}.
     */
    static String changeLine(NodeDirectory.Change change, Instant now) {
        NodeEntry e = change.entry();
        return String.format("%s  %-8s  %s  %s  %s  %s  last heartbeat %s", TIME.format(now),
                change.kind().name().toLowerCase(java.util.Locale.ROOT), e.nodeId(), e.nodeName(),
                e.nodeType().wireName(), e.nodeVersion().isEmpty() ? "-" : e.nodeVersion(),
                e.lastHeartbeat().map(at -> age(Duration.between(at, now))).orElse("-"));
    }

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    /** {@code 850ms ago}, {@code 12s ago}, {@code 3m ago}, {@code 2h ago}; a clock skew shows as {@code 0ms ago}. */
    static String age(Duration age) {
        long ms = Math.max(0, age.toMillis());
        if (ms < 1000) {
            return ms + "ms ago";
        }
        if (ms < 120_000) {
            return ms / 1000 + "s ago";
        }
        if (ms < 7_200_000) {
            return ms / 60_000 + "m ago";
        }
        return ms / 3_600_000 + "h ago";
    }

    private static String breakers(Map<String, String> states) {
        if (states.isEmpty()) {
            return "-";
        }
        return states.entrySet().stream().map(b -> b.getKey() + "=" + b.getValue()).collect(Collectors.joining(","));
    }

    private static int rank(NodeStatus status) {
        return switch (status) {
            case ACTIVE -> 0;
            case SUSPECT -> 1;
            case EXPIRED -> 2;
            case OFFLINE -> 3;
        };
    }
}
