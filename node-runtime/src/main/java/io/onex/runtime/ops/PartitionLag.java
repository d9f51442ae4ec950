package io.onex.runtime.ops;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One partition a consumer group reads or has read.
 *
 * @param topic the topic
 * @param partition the partition
 * @param owner the member it is assigned to, as {@code clientId (host)}; empty when unassigned
 * @param committed the group's committed offset; empty when it never committed here
 * @param end the partition's end offset
 */
public record PartitionLag(String topic, int partition, Optional<String> owner, OptionalLong committed, long end) {

    /** End minus committed; empty when nothing was committed (the lag then depends on the reset policy). */
    public OptionalLong lag() {
        return committed.isPresent() ? OptionalLong.of(Math.max(0, end - committed.getAsLong())) : OptionalLong.empty();
    }
}
