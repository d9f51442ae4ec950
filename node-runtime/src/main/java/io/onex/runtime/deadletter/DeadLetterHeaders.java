package io.onex.runtime.deadletter;

/**
 * Header names of dead-letter records, for tools that read only headers. Values are UTF-8 strings. A record
 * dead-lettered again keeps one set of these: earlier {@code onex.dlq.*} headers are dropped before new ones are
 * added.
 */
public final class DeadLetterHeaders {

    /** Prefix shared by every dead-letter header. */
    public static final String PREFIX = "onex.dlq.";
    /** Full name of the topic the record came from. */
    public static final String ORIGINAL_TOPIC = PREFIX + "original-topic";
    /** Partition of the original record (absent for a direct call). */
    public static final String ORIGINAL_PARTITION = PREFIX + "original-partition";
    /** Offset of the original record (absent for a direct call). */
    public static final String ORIGINAL_OFFSET = PREFIX + "original-offset";
    /** Fully qualified class of the root failure. */
    public static final String EXCEPTION_CLASS = PREFIX + "exception-class";
    /** Message of the root failure, redacted and truncated. */
    public static final String EXCEPTION_MESSAGE = PREFIX + "exception-message";
    /** Attempts made before giving up. */
    public static final String ATTEMPTS = PREFIX + "attempts";
    /** Id of the node instance that failed. */
    public static final String NODE_ID = PREFIX + "node-id";
    /** When it failed, ISO-8601 UTC. */
    public static final String FAILED_AT = PREFIX + "failed-at";
    /**
     * How many times {@code onex dlq replay} has re-published the record (absent: never). Outside {@link #PREFIX} on
     * purpose: it travels on the replayed record, and a replayed record that fails again carries it into its new dead
     * letter with the other original headers, so the count survives each round.
     */
    public static final String REPLAY_COUNT = "onex-replay-count";

    private DeadLetterHeaders() {
    }
}
