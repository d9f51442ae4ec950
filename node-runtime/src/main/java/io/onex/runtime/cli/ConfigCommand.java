package io.onex.runtime.cli;

import io.onex.runtime.config.ConfigTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code onex config}: the configuration table (environment variables, defaults, ranges). */
@Command(name = "config", description = "Print every configuration setting: environment variable, type, default, range.")
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(ConfigTable.helpText());
        spec.commandLine().getOut().flush();
    }
}
