package io.onex.runtime.ops;

import java.util.Optional;

/**
 * One topic as {@code onex topics} shows it.
 *
 * @param name the full topic name
 * @param partitions its partitions
 * @param retentionMs its {@code retention.ms}; empty when unknown, -1 for forever
 * @param endOffsets the sum of its partitions' end offsets (records ever written)
 * @param records the sum of end minus start offsets (records still held)
 */
public record TopicSummary(String name, int partitions, Optional<Long> retentionMs, long endOffsets, long records) {
}
