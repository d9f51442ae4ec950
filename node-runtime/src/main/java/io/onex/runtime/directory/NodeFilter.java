package io.onex.runtime.directory;

import io.onex.api.contract.NodeType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which directory entries an operator wants to see: by status, by name glob ({@code *} and {@code ?}), by node type;
 * and expired or offline entries last seen more than {@link #STALE_AFTER} ago left out unless {@code all} (a
 * topic read from the beginning remembers every node that ever ran).
 *
 * <pre>{@code
 * NodeFilter.recent().withStatuses(Set.of(NodeStatus.ACTIVE)).withName("bridge_*").apply(directory.all(), now)
 * }</pre>
 *
 * @param statuses the statuses shown; empty for all
 * @param nameGlob the node names shown, as a glob; empty for all
 * @param type the node type shown; empty for all
 * @param all whether stale expired and offline entries are shown too
 */
public record NodeFilter(Set<NodeStatus> statuses, Optional<String> nameGlob, Optional<NodeType> type, boolean all) {

    /** How long an expired or offline entry stays in the default listing after it was last seen. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(10);

    public NodeFilter {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        Objects.requireNonNull(nameGlob, "nameGlob");
        Objects.requireNonNull(type, "type");
    }

    /** Every status, name and type; stale expired and offline entries left out. */
    public static NodeFilter recent() {
        return new NodeFilter(Set.of(), Optional.empty(), Optional.empty(), false);
    }

    /** A copy showing only these statuses (all when empty). */
    public NodeFilter withStatuses(Set<NodeStatus> shown) {
        return new NodeFilter(shown, nameGlob, type, all);
    }

    /** A copy showing only names matching the glob, e.g. {@code bridge_*}. */
    public NodeFilter withName(String glob) {
        return new NodeFilter(statuses, Optional.of(glob), type, all);
    }

    /** A copy showing only this node type. */
    public NodeFilter withType(NodeType shown) {
        return new NodeFilter(statuses, nameGlob, Optional.of(shown), all);
    }

    /** A copy that shows stale expired and offline entries too. */
    public NodeFilter withAll() {
        return new NodeFilter(statuses, nameGlob, type, true);
    }

    /** The entries shown, in the order given. */
    public List<NodeEntry> apply(List<NodeEntry> entries, Instant now) {
        Optional<Pattern> name = nameGlob.map(NodeFilter::globPattern);
        return entries.stream().filter(e -> statuses.isEmpty() || statuses.contains(e.status()))
                .filter(e -> name.isEmpty() || name.get().matcher(e.nodeName()).matches())
                .filter(e -> type.isEmpty() || type.get() == e.nodeType())
                .filter(e -> all || !stale(e, now)).toList();
    }

    /** Whether an entry is expired or offline and was last seen more than {@link #STALE_AFTER} before now. */
    public static boolean stale(NodeEntry e, Instant now) {
        return !e.status().live() && e.lastSeen().isBefore(now.minus(STALE_AFTER));
    }

    private static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
