package io.onex.runtime.cli;

import java.io.PrintWriter;

/**
 * Progress lines of a verb, on stderr (stdout keeps the verb's results, for pipes): {@code [  3.2s] started 2 nodes
 * on 127.0.0.1:9092}. For anything that may take longer than a few seconds (starting a broker and nodes, waiting).
 */
public final class Progress {

    private final PrintWriter err;
    private final long startNanos = System.nanoTime();

    /** @param err where the lines go: the command line's error writer */
    public Progress(PrintWriter err) {
        this.err = err;
    }

    /** Prints one line, prefixed with the seconds since this progress began. */
    public void line(String format, Object... args) {
        synchronized (err) {
            err.printf("[%5.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, String.format(format, args));
            err.flush();
        }
    }

    /** What a runtime is about to start on: a named cluster, or an embedded broker. */
    public static String cluster(String bootstrap) {
        String servers = bootstrap != null ? bootstrap : System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        return servers == null || servers.isBlank() ? "an embedded Kafka broker" : "cluster " + servers;
    }
}
