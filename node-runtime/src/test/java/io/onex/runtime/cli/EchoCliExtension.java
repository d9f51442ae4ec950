package io.onex.runtime.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A test-only extension (listed in src/test/resources/META-INF/services) that adds {@code echo}. */
public final class EchoCliExtension implements CliExtension {

    @Override
    public Map<String, Object> commands() {
        return Map.of("echo", new Echo());
    }

    @Command(description = "Prints its argument; fails on 'boom'.")
    static final class Echo implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Parameters(index = "0")
        String word;

        @Override
        public Integer call() {
            if (word.equals("boom")) {
                throw new IllegalStateException("echo refused boom");
            }
            spec.commandLine().getOut().println("echo " + word);
            return 0;
        }
    }
}
