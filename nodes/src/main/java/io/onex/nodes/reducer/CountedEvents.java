package io.onex.nodes.reducer;

import java.util.Set;

/**
 * Where a starting reducer learns which events its group's published windows have counted already: the records of
 * a window published just before a crash, but not yet committed, are delivered again after it, and must not be
 * counted again (docs/faults.md, defect 7). The real one reads the group's recent aggregation-completed events back
 * ({@link KafkaCountedEvents}); tests pass a fixed set.
 */
interface CountedEvents {

    /** Nothing counted before: a reducer without a Kafka to read back (unit tests). */
    CountedEvents NONE = Set::of;

    /**
     * @return the ids of the consumed events that the group's recently published windows counted
     * @throws RuntimeException when they cannot be read: starting without them could count a window twice
     */
    Set<String> read();
}
