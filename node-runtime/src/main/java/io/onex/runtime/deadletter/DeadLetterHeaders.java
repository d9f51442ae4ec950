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

    private DeadLetterHeaders() {
    }
}
