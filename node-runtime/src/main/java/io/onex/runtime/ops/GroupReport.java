package io.onex.runtime.ops;

import java.util.List;

/**
 * One consumer group: its state, members and per-partition positions.
 *
 * @param groupId the group
 * @param state its state
 * @param members how many members it has
 * @param partitions its partitions, sorted by topic and partition
 */
public record GroupReport(String groupId, GroupState state, int members, List<PartitionLag> partitions) {

    public GroupReport {
        partitions = List.copyOf(partitions);
    }

    /** The sum of the known lags of its partitions. */
    public long totalLag() {
        return partitions.stream().mapToLong(p -> p.lag().orElse(0)).sum();
    }
}
