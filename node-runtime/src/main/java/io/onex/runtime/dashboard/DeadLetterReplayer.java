package io.onex.runtime.dashboard;

/** Replays one dead letter: the Dead letters page's action, offered only when actions are allowed. */
@FunctionalInterface
public interface DeadLetterReplayer {

    /**
     * Re-publishes the original of one dead letter to where it came from.
     *
     * @param topic the dead-letter topic
     * @param partition its partition
     * @param offset the dead letter's offset
     * @return what was done, in a sentence for the page
     * @throws IllegalArgumentException when there is no such dead letter, or it cannot be replayed (say why)
     */
    String replay(String topic, int partition, long offset);
}
