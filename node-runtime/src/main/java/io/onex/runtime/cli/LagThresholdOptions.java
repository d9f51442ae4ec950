package io.onex.runtime.cli;

import io.onex.runtime.ops.LagThresholds;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --warn-lag N --critical-lag N}: the lag thresholds of the verbs that judge consumer groups (a mixin). */
final class LagThresholdOptions {

    @Option(names = "--warn-lag", paramLabel = "N", defaultValue = "1000",
            description = "total lag above which a group is a warning (default: ${DEFAULT-VALUE})")
    long warnLag;

    @Option(names = "--critical-lag", paramLabel = "N", defaultValue = "5000",
            description = "total lag above which a group is critical (default: ${DEFAULT-VALUE})")
    long criticalLag;

    /**
     * The thresholds the options give.
     *
     * @throws CommandLine.ParameterException (a usage error) when they are out of range or out of order
     */
    LagThresholds thresholds(CommandLine commandLine) {
        try {
            return new LagThresholds(warnLag, criticalLag);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--warn-lag/--critical-lag: " + e.getMessage());
        }
    }
}
