package io.onex.runtime;

/**
 * One part of a running {@link OnexRuntime} (the embedded broker, the shared services, topics, nodes, consumers, HTTP,
 * introspection): started in order by {@link RuntimeParts}, closed in reverse.
 *
 * <p>{@link #close()} must work whatever {@link #start()} got to: a part whose start failed half-way is closed too.
 */
interface RuntimePart {

    /** What the part is, for logs ("HTTP server", "consumers"). */
    String name();

    /** Starts the part; the parts before it have started. */
    void start() throws Exception;

    /** Stops what {@link #start()} started. */
    void close() throws Exception;

    /**
     * Stops like {@link #close()} but without announcing anything to others, so that the runtime looks like a crashed
     * process (see {@link OnexRuntime#abandon()}). Most parts have nothing to announce.
     */
    default void abandon() throws Exception {
        close();
    }
}
