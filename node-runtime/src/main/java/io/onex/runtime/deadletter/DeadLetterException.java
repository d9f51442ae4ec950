package io.onex.runtime.deadletter;

/**
 * Writing a failed call or record to its dead-letter topic failed for good, after the write's own retries. The
 * cause is the last write failure; the failure that was being dead-lettered is attached as a suppressed exception,
 * so neither is lost. A consumer must not commit past a record whose handling ended with this.
 */
public class DeadLetterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String deadLetterTopic;

    /**
     * @param deadLetterTopic the topic the write was aimed at
     * @param message what failed
     * @param writeFailure the last write failure
     * @param originalFailure the failure being dead-lettered, attached as suppressed (may be null)
     */
    public DeadLetterException(String deadLetterTopic, String message, Throwable writeFailure, Throwable originalFailure) {
        super(message, writeFailure);
        this.deadLetterTopic = deadLetterTopic;
        if (originalFailure != null && originalFailure != writeFailure) {
            addSuppressed(originalFailure);
        }
    }

    /** The dead-letter topic the write was aimed at. */
    public String deadLetterTopic() {
        return deadLetterTopic;
    }
}
