package io.onex.nodes.kafkaeffect;

/**
 * An atomic batch whose transaction was aborted: none of its events is visible to {@code read_committed}
 * consumers. The cause is the first failure (a send, or the commit itself).
 */
public final class AtomicBatchAbortedException extends RuntimeException {

    /**
     * @param message which event failed and how many the batch held
     * @param cause the first failure
     */
    public AtomicBatchAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
