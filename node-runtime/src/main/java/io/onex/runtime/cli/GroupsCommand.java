package io.onex.runtime.cli;

import io.onex.runtime.ops.ClusterSession;
import io.onex.runtime.ops.GroupInspector;
import io.onex.runtime.ops.GroupReport;
import io.onex.runtime.ops.LagThresholds;
import io.onex.runtime.ops.LagVerdict;
import io.onex.runtime.ops.OpsTables;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code onex groups [GROUP]}: consumer groups, their members, positions and lag, judged against thresholds. */
@Command(name = "groups", mixinStandardHelpOptions = true,
        description = "Show consumer groups: state (stable, rebalancing, empty, dead), members,"
        + " and per partition the member it is assigned to, the committed offset, the end offset and the lag; then"
        + " a verdict per group: OK, WARNING (total lag above --warn-lag) or CRITICAL (total lag above"
        + " --critical-lag, or lag with no members to consume it).",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:no group is critical (warnings included)",
                "1:at least one group is critical", ClusterCommand.EXIT_USAGE, ClusterCommand.EXIT_UNREACHABLE})
final class GroupsCommand extends ClusterCommand {

    @Parameters(arity = "0..1", paramLabel = "GROUP", description = "one group; every consumer group when left out")
    String group;

    @CommandLine.Mixin
    LagThresholdOptions lag;

    private LagThresholds thresholds;

    @Override
    void checkOptions() {
        thresholds = lag.thresholds(spec.commandLine());
    }

    @Override
    int run(ClusterSession session) {
        GroupInspector inspector = new GroupInspector(session.admin());
        List<String> ids = group != null ? List.of(group) : inspector.groupIds();
        List<GroupReport> reports = inspector.inspect(ids);
        if (group != null && reports.isEmpty()) {
            return fail(USAGE, "no consumer group " + group + " on " + session.servers() + " (`onex groups` lists them)");
        }
        Map<LagVerdict.Level, Integer> counts = new EnumMap<>(LagVerdict.Level.class);
        PrintWriter out = spec.commandLine().getOut();
        for (GroupReport r : reports) {
            LagVerdict verdict = thresholds.judge(r);
            counts.merge(verdict.level(), 1, Integer::sum);
            out.print(OpsTables.group(r, verdict));
            out.println();
        }
        out.printf("%d group(s) on %s: %d ok, %d warning, %d critical%n", reports.size(), session.servers(),
                counts.getOrDefault(LagVerdict.Level.OK, 0), counts.getOrDefault(LagVerdict.Level.WARNING, 0),
                counts.getOrDefault(LagVerdict.Level.CRITICAL, 0));
        out.flush();
        return counts.containsKey(LagVerdict.Level.CRITICAL) ? VERDICT_BAD : OK;
    }
}
