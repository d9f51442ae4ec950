package io.onex.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code onex bench}: measurements that print their figures (speed targets live here, never in timed tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure the runtime against plain kafka-clients and print the figures.",
        subcommands = {BenchPublishCommand.class, BenchE2eCommand.class, BenchStartupCommand.class,
                BenchWorkflowCommand.class, BenchPersistCommand.class, BenchClientCommand.class, BenchCallCommand.class,
                BenchDecodeCommand.class, CommandLine.HelpCommand.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
