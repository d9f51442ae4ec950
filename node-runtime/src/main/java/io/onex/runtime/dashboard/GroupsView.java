package io.onex.runtime.dashboard;

import io.onex.runtime.ops.GroupReport;
import io.onex.runtime.ops.LagThresholds;
import io.onex.runtime.ops.LagVerdict;
import io.onex.runtime.ops.PartitionLag;
import java.time.Instant;
import java.util.List;

/**
 * What the Groups page shows: each consumer group's state, members, lag per partition and verdict, the same facts
 * from the same code as {@code onex groups} ({@link io.onex.runtime.ops.GroupInspector}, {@link LagThresholds}), and
 * its total lag over the last minutes ({@link LagHistory}).
 *
 * @param now when the groups were inspected, epoch millis
 * @param groups the groups, by id
 */
public record GroupsView(long now, List<Group> groups) {

    public GroupsView {
        groups = List.copyOf(groups);
    }

    /**
     * One group.
     *
     * @param groupId the group
     * @param state stable, rebalancing, empty, dead or unknown
     * @param members how many members it has
     * @param totalLag the sum of its partitions' known lags
     * @param verdict ok, warning or critical
     * @param reason why, e.g. {@code lag 6200 > 5000}
     * @param partitions per partition its owner, committed offset, end offset and lag
     * @param history its total lag over the last minutes
     */
    public record Group(String groupId, String state, int members, long totalLag, String verdict, String reason,
            List<Partition> partitions, List<LagHistory.Point> history) {
    }

    /**
     * One partition of a group.
     *
     * @param topic the topic
     * @param partition the partition
     * @param owner the member it is assigned to, null when unassigned
     * @param committed the committed offset, null when never committed
     * @param end the end offset
     * @param lag end minus committed, null when never committed
     */
    public record Partition(String topic, int partition, String owner, Long committed, long end, Long lag) {
    }

    /**
     * Judges the reports and records their lag in the history.
     *
     * @param reports the groups as {@link io.onex.runtime.ops.GroupInspector#inspect} found them
     * @param thresholds the lag thresholds of the verdict
     * @param history where each group's total lag is recorded, and read back for its chart
     * @param now when they were inspected
     */
    public static GroupsView of(List<GroupReport> reports, LagThresholds thresholds, LagHistory history,
            Instant now) {
        reports.forEach(r -> history.record(r.groupId(), now, r.totalLag()));
        List<Group> groups = reports.stream().map(r -> {
            LagVerdict v = thresholds.judge(r);
            return new Group(r.groupId(), r.state().word(), r.members(), r.totalLag(),
                    v.level().name().toLowerCase(java.util.Locale.ROOT), v.reason(),
                    r.partitions().stream().map(GroupsView::partition).toList(), history.of(r.groupId()));
        }).toList();
        return new GroupsView(now.toEpochMilli(), groups);
    }

    private static Partition partition(PartitionLag p) {
        return new Partition(p.topic(), p.partition(), p.owner().orElse(null),
                p.committed().isPresent() ? p.committed().getAsLong() : null, p.end(),
                p.lag().isPresent() ? p.lag().getAsLong() : null);
    }
}
