package io.onex.nodes.kafkaeffect;

/**
 * The error written to a dead-letter record by {@code publish_to_dlq}: the caller's reason, as given. Its class
 * name is the record's {@code error.type}, which tells tools a caller asked for it rather than a send failing.
 */
public final class DeadLetterRequestedException extends RuntimeException {

    /** @param reason why the caller dead-lettered the event */
    public DeadLetterRequestedException(String reason) {
        super(reason, null, false, false);
    }
}
