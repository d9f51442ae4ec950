package io.onex.nodes.cli;

import io.onex.api.contract.NodeType;
import io.onex.runtime.directory.NodeEntry;
import io.onex.runtime.directory.NodeFilter;
import io.onex.runtime.directory.NodeStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;

/** {@code onex nodes}' filter options read into a {@link NodeFilter}, and the table's closing line. */
final class NodeFilters {

    private NodeFilters() {
    }

    /**
     * @throws CommandLine.ParameterException naming the option, the value and what was expected
     */
    static NodeFilter parse(List<String> statuses, String nameGlob, String type, boolean all, CommandLine cl) {
        NodeFilter filter = NodeFilter.recent();
        if (!statuses.isEmpty()) {
            Set<NodeStatus> shown = EnumSet.noneOf(NodeStatus.class);
            for (String s : statuses) {
                shown.add(status(s.strip(), cl));
            }
            filter = filter.withStatuses(shown);
        }
        if (nameGlob != null) {
            filter = filter.withName(nameGlob);
        }
        if (type != null) {
            try {
                filter = filter.withType(NodeType.fromWire(type.strip().toLowerCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--type: expected one of effect, compute, reducer,"
                        + " orchestrator, but was '" + type + "'");
            }
        }
        return all ? filter.withAll() : filter;
    }

    private static NodeStatus status(String text, CommandLine cl) {
        for (NodeStatus s : NodeStatus.values()) {
            if (s.wireName().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new CommandLine.ParameterException(cl, "--status: expected one of active, suspect, expired, offline,"
                + " but was '" + text + "'");
    }

    /**
     * {@code 3 node(s) on HOST:PORT}, and what was left out: {@code (12 expired or offline for over 10 minutes
     * hidden: --all shows them)}.
     */
    static String summary(int shown, String servers, NodeFilter filter, List<NodeEntry> known, Instant now) {
        String line = shown + " node(s) on " + servers;
        if (filter.all()) {
            return line;
        }
        long stale = filter.withAll().apply(known, now).stream().filter(e -> NodeFilter.stale(e, now)).count();
        return stale == 0 ? line : line + " (" + stale + " expired or offline for over "
                + NodeFilter.STALE_AFTER.toMinutes() + " minutes hidden: --all shows them)";
    }
}
