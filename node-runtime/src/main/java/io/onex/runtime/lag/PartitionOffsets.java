package io.onex.runtime.lag;

/**
 * One partition of a group at one sample: where the group has committed and where the partition ends.
 *
 * @param topic the topic
 * @param partition the partition
 * @param committed the committed offset, or -1 when the group never committed here
 * @param end the partition's end offset
 */
public record PartitionOffsets(String topic, int partition, long committed, long end) {

    /** End minus committed, 0 when nothing was committed (the lag then depends on the reset policy). */
    public long lag() {
        return committed < 0 ? 0 : Math.max(0, end - committed);
    }

    /** {@code topic[partition]}, as reasons name it. */
    public String label() {
        return topic + "[" + partition + "]";
    }
}
