package io.onex.runtime.cli;

import io.onex.runtime.config.StartupWarnings;
import java.io.PrintWriter;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code onex} command line. Each verb is its own class; this one only dispatches and maps errors to exit codes
 * without stack traces (a user error is a message, not a crash). Every verb, extensions' included, answers
 * {@code --help}, {@code --version} and {@code --verbose} ({@link CliConventions}); verbs name the same things the same
 * way: {@code --contracts DIR}, {@code --bootstrap HOST:PORT}, {@code --timeout DURATION}.
 */
@Command(name = "onex", mixinStandardHelpOptions = true, version = "onex 0.1.0",
        description = "ONEX node runtime: validate contracts, run an embedded broker, serve nodes.",
        subcommands = {ValidateCommand.class, BrokerCommand.class, ServeCommand.class, RunCommand.class,
                PublishCommand.class, CallCommand.class, ConfigCommand.class, NewNodeCommand.class,
                TopicsCommand.class, GroupsCommand.class, TailCommand.class, DlqCommand.class, CompatCommand.class,
                DashboardCommand.class,
                CommandLine.HelpCommand.class})
public final class OnexCli implements Runnable {

    /** Verbs that start no embedded broker: no runtime, a broker on purpose, or a cluster required. */
    private static final Set<String> WITHOUT_EMBEDDED_BROKER = Set.of("validate", "compat", "config", "new-node", "broker",
            "help", "nodes");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with the error handling every verb shares. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new OnexCli());
        for (CliExtension extension : ServiceLoader.load(CliExtension.class)) {
            extension.commands().forEach(cl::addSubcommand);
        }
        CliConventions.apply(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(parsed -> CliConventions.withUserClasses(parsed, System.getenv(), new CommandLine.RunLast()));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + describe(ex));
            commandLine.getErr().flush();
            return 1;
        });
        return cl;
    }

    static String describe(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Every verb starts by saying what is wrong with the environment, on stderr, whatever the log level. */
    static void printStartupWarnings(CommandLine.ParseResult parsed, PrintWriter err, Map<String, String> env) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return; // help and version start nothing, whichever verb they are given to
            }
        }
        CommandLine.ParseResult verb = parsed.subcommand();
        boolean embeddedBroker = verb != null && !WITHOUT_EMBEDDED_BROKER.contains(verb.commandSpec().name());
        for (CommandLine.ParseResult p = verb; p != null; p = p.subcommand()) {
            // help, or a cluster named on the command line (--bootstrap), starts no embedded broker
            embeddedBroker &= !p.isUsageHelpRequested() && !p.hasMatchedOption("--bootstrap")
                    && !(p.commandSpec().userObject() instanceof ClusterCommand); // these never start a broker
        }
        StartupWarnings.print(err, env, embeddedBroker);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        CommandLine cl = commandLine(out, err);
        Map<String, String> env = System.getenv();
        cl.setExecutionStrategy(parsed -> {
            CliConventions.configureLogging(parsed, env);
            printStartupWarnings(parsed, err, env);
            return CliConventions.withUserClasses(parsed, env, new CommandLine.RunLast());
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
