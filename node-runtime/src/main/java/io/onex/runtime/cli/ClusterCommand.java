package io.onex.runtime.cli;

import io.onex.runtime.config.ConfigException;
import io.onex.runtime.config.ConfigTable;
import io.onex.runtime.ops.ClusterSession;
import io.onex.runtime.ops.ClusterUnreachableException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What every operator verb ({@code topics}, {@code groups}, {@code tail}) shares: {@code --bootstrap} (default
 * {@code KAFKA_BOOTSTRAP_SERVERS}; never an embedded broker), a {@link ClusterSession} that fails fast, and the exit
 * codes: 0 ok, 1 the verdict is bad (or the action failed), 2 usage or configuration error, 3 cluster unreachable.
 */
abstract class ClusterCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int VERDICT_BAD = 1;
    static final int USAGE = CommandLine.ExitCode.USAGE;
    static final int UNREACHABLE = 3;

    static final String EXIT_OK = "0:ok";
    static final String EXIT_BAD = "1:the verdict is bad (a group's lag is critical) or the action failed";
    static final String EXIT_USAGE = "2:usage or configuration error (no cluster given, bad option, bad contract)";
    static final String EXIT_UNREACHABLE = "3:the cluster cannot be reached within 5 s, or refused authentication";

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "the cluster (default: KAFKA_BOOTSTRAP_SERVERS; these verbs never start a broker)")
    String bootstrap;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        String servers = bootstrap != null ? bootstrap : System.getenv(ConfigTable.KAFKA_BOOTSTRAP_SERVERS);
        if (servers == null || servers.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no cluster to ask: give --bootstrap"
                    + " HOST:PORT or set " + ConfigTable.KAFKA_BOOTSTRAP_SERVERS + " (`onex broker` starts one)");
        }
        try {
            checkOptions();
        } catch (IllegalArgumentException e) {
            return fail(USAGE, e.getMessage()); // a bad --where, say: the message is located, the usage text no help
        }
        quietKafkaClients();
        ClusterSession session;
        try {
            session = ClusterSession.open(servers.trim(), System.getenv(), ClusterSession.REACH_TIMEOUT);
        } catch (ClusterUnreachableException e) {
            return fail(UNREACHABLE, e.getMessage());
        } catch (ConfigException e) {
            return fail(USAGE, e.getMessage());
        }
        try (session) {
            return run(session);
        } catch (IllegalArgumentException e) {
            return fail(USAGE, e.getMessage()); // an unknown topic, say: the message is enough, no usage text
        }
    }

    /**
     * The clients' own warnings ("Connection to node -1 could not be established", once per reconnect) would bury
     * the one line that says what is wrong: these verbs report the cluster's state themselves.
     */
    private static void quietKafkaClients() {
        try {
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.kafka",
                    org.apache.logging.log4j.Level.ERROR);
        } catch (NoClassDefFoundError | ClassCastException noLog4j) {
            // embedded without log4j-core: the embedder's logging decides
        }
    }

    /**
     * Checks the options before the cluster is asked: throws {@link CommandLine.ParameterException} for a misused
     * option (printed with the usage text), {@link IllegalArgumentException} for a value whose message says it all.
     */
    void checkOptions() {
    }

    /** The verb itself, on a cluster that has answered; returns the exit code. */
    abstract int run(ClusterSession session) throws Exception;

    int fail(int code, String message) {
        spec.commandLine().getErr().println("error: " + message);
        spec.commandLine().getErr().flush();
        return code;
    }
}
