package io.onex.runtime.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code onex} command line. Each verb is its own class; this one only dispatches and maps errors to exit codes
 * without stack traces (a user error is a message, not a crash).
 */
@Command(name = "onex", mixinStandardHelpOptions = true, version = "onex 0.1.0",
        description = "ONEX node runtime: validate contracts, run an embedded broker, serve nodes.",
        subcommands = {ValidateCommand.class, BrokerCommand.class, ServeCommand.class, RunCommand.class,
                PublishCommand.class, ConfigCommand.class, NewNodeCommand.class,
                TopicsCommand.class, GroupsCommand.class, TailCommand.class,
                CommandLine.HelpCommand.class})
public final class OnexCli implements Runnable {

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
        cl.setOut(out);
        cl.setErr(err);
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

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
