package io.onex.runtime.kafka;

/** How a consumed record became done. */
public enum RecordOutcome {
    /** The node processed it. */
    PROCESSED,
    /** It failed for good and was written to the dead-letter topic. */
    DEAD_LETTERED
}
