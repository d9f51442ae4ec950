package io.onex.api;

/**
 * A call that failed for good: the pipeline's final failure as seen by a caller, after retries, with the dead-letter
 * outcome. The cause is the node's last failure.
 */
public class NodeExecutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String nodeName;
    private final int attempts;
    private final boolean deadLettered;

    public NodeExecutionException(String nodeName, int attempts, boolean deadLettered, Throwable cause) {
        this(nodeName, attempts, deadLettered, describe(cause), cause);
    }

    /**
     * With the failure described by the caller: the runtime passes a redacted description, so that a caller who logs
     * this exception's message cannot leak a secret the node's error carried.
     *
     * @param nodeName contract name
     * @param attempts attempts made
     * @param deadLettered whether the call went to the DLQ
     * @param reason what went wrong, safe to log
     * @param cause the last failure
     */
    public NodeExecutionException(String nodeName, int attempts, boolean deadLettered, String reason, Throwable cause) {
        super(nodeName + " failed after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + (deadLettered ? " (routed to the dead-letter topic)" : "") + ": " + reason, cause);
        this.nodeName = nodeName;
        this.attempts = attempts;
        this.deadLettered = deadLettered;
    }

    private static String describe(Throwable cause) {
        return cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** The contract name of the node that failed. */
    public String nodeName() {
        return nodeName;
    }

    /** How many attempts were made. */
    public int attempts() {
        return attempts;
    }

    /** Whether the failed call was written to the dead-letter topic. */
    public boolean deadLettered() {
        return deadLettered;
    }
}
