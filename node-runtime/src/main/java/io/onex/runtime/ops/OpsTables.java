package io.onex.runtime.ops;

import java.util.List;
import java.util.Optional;

/** The tables {@code onex topics} and {@code onex groups} print. Names are escaped ({@link SafeText}). */
public final class OpsTables {

    private OpsTables() {
    }

    /** {@code TOPIC PARTITIONS RETENTION END-OFFSETS RECORDS}, one line per topic. */
    public static String topics(List<TopicSummary> topics) {
        TextTable t = new TextTable("TOPIC", "PARTITIONS", "RETENTION", "END-OFFSETS", "RECORDS");
        for (TopicSummary s : topics) {
            t.row(SafeText.escape(s.name()), s.partitions(), retention(s.retentionMs()), s.endOffsets(), s.records());
        }
        return t.render("");
    }

    /** {@code 7d}, {@code 12h}, {@code 90m}, {@code 1500ms}; {@code forever} for -1; {@code ?} when unknown. */
    static String retention(Optional<Long> ms) {
        if (ms.isEmpty()) {
            return "?";
        }
        long v = ms.get();
        if (v < 0) {
            return "forever";
        }
        if (v > 0 && v % 86_400_000 == 0) {
            return v / 86_400_000 + "d";
        }
        if (v > 0 && v % 3_600_000 == 0) {
            return v / 3_600_000 + "h";
        }
        if (v > 0 && v % 60_000 == 0) {
            return v / 60_000 + "m";
        }
        return v + "ms";
    }

    /**
     * A group's header line with state, members, total lag and verdict, then its partitions:
     * {@code TOPIC PARTITION MEMBER COMMITTED END LAG}.
     */
    public static String group(GroupReport g, LagVerdict verdict) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("GROUP %s  state=%s  members=%d  lag=%d  %s (%s)%n", SafeText.escape(g.groupId()),
                g.state().word(), g.members(), g.totalLag(), verdict.level(), verdict.reason()));
        if (g.partitions().isEmpty()) {
            out.append("  (no partitions assigned or committed)\n");
            return out.toString();
        }
        TextTable t = new TextTable("TOPIC", "PARTITION", "MEMBER", "COMMITTED", "END", "LAG");
        for (PartitionLag p : g.partitions()) {
            t.row(SafeText.escape(p.topic()), p.partition(), p.owner().map(SafeText::escape).orElse("-"),
                    p.committed().isPresent() ? Long.toString(p.committed().getAsLong()) : "-", p.end(),
                    p.lag().isPresent() ? Long.toString(p.lag().getAsLong()) : "-");
        }
        out.append(t.render("  "));
        return out.toString();
    }
}
