package io.onex.runtime.lag;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One look at a consumer group.
 *
 * @param at when it was taken
 * @param members how many members the group has
 * @param partitions its partitions' offsets
 * @param processed records its consumers finished so far (a running total; 0 when unknown)
 * @param deadLettered records its consumers dead-lettered so far (a running total; 0 when unknown)
 */
public record GroupSample(Instant at, int members, List<PartitionOffsets> partitions, long processed,
        long deadLettered) {

    public GroupSample {
        Objects.requireNonNull(at, "at");
        partitions = List.copyOf(partitions);
    }

    /** The sum of the partitions' lags. */
    public long totalLag() {
        return partitions.stream().mapToLong(PartitionOffsets::lag).sum();
    }
}
