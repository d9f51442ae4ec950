package io.onex.runtime.config;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator must hear about the environment before anything starts: variables that look like misspellings of
 * ours (ignored, so the setting they meant keeps its default), and that no {@code KAFKA_BOOTSTRAP_SERVERS} is set,
 * so the runtime will start an embedded broker of its own.
 *
 * <p>The {@code onex} command line prints them on stderr at start-up, whatever the log level
 * ({@link #print(PrintWriter, Map, boolean)}); an embedding service gets the misspellings logged at WARN when it
 * builds a runtime ({@link #log(RuntimeConfig)}), once: not again in a process whose command line printed them.
 */
public final class StartupWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(StartupWarnings.class);

    /** Set by the command line once it has printed the warnings: the runtime it builds need not log them again. */
    private static volatile boolean printedByCommandLine;

    private StartupWarnings() {
    }

    /**
     * The warnings about an environment, one line each, in order: misspelled variables (sorted), then the
     * embedded-broker notice when {@code embeddedBrokerMatters} and {@code KAFKA_BOOTSTRAP_SERVERS} is unset.
     *
     * @param environment the variables
     * @param embeddedBrokerMatters whether the caller starts a runtime (and so a broker when none is configured)
     * @return the lines
     */
    public static List<String> of(Map<String, String> environment, boolean embeddedBrokerMatters) {
        List<String> lines = new ArrayList<>(new EnvironmentReader(Map.copyOf(environment)).warnings());
        String servers = environment.get(ConfigTable.KAFKA_BOOTSTRAP_SERVERS);
        if (embeddedBrokerMatters && (servers == null || servers.isBlank())) {
            lines.add(embeddedBrokerNotice());
        }
        return lines;
    }

    /** The line saying an embedded broker is used because no brokers were configured. */
    public static String embeddedBrokerNotice() {
        return ConfigTable.KAFKA_BOOTSTRAP_SERVERS + " is not set: starting an embedded Kafka broker in this process"
                + " (its topics are lost when it exits)";
    }

    /**
     * Prints {@link #of} on {@code err}, one {@code warning: } line each, and remembers that it did.
     *
     * @param err the command line's stderr
     * @param environment the variables
     * @param embeddedBrokerMatters as in {@link #of}
     */
    public static void print(PrintWriter err, Map<String, String> environment, boolean embeddedBrokerMatters) {
        for (String line : of(environment, embeddedBrokerMatters)) {
            err.println("warning: " + line);
        }
        err.flush();
        printedByCommandLine = true;
    }

    /**
     * Logs a configuration's warnings at WARN, one line each, unless this process's command line printed them.
     *
     * @param config the configuration a runtime is built with
     */
    public static void log(RuntimeConfig config) {
        if (config == null || printedByCommandLine) {
            return;
        }
        config.warnings().forEach(LOG::warn);
    }
}
