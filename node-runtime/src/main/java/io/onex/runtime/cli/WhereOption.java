package io.onex.runtime.cli;

import io.onex.runtime.ops.RecordFilter;
import picocli.CommandLine;

/** The {@code --where CEL} option of {@code tail} and {@code dlq show/replay}: compiled before the cluster is asked. */
final class WhereOption {

    private WhereOption() {
    }

    /** The filter, or a usage error (exit 2) naming what is wrong in the expression and where. */
    static RecordFilter compile(CommandLine.Model.CommandSpec spec, String where) {
        try {
            return RecordFilter.where(where);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--where: " + e.getMessage());
        }
    }
}
