package io.onex.runtime.ops;

/**
 * The cluster did not answer in time, or refused us: the message names the address and the cause, and says what to
 * check. The operator verbs exit 3 on it.
 */
public final class ClusterUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String servers;

    public ClusterUnreachableException(String servers, String message, Throwable cause) {
        super(message, cause);
        this.servers = servers;
    }

    /** The bootstrap servers that were tried. */
    public String servers() {
        return servers;
    }
}
