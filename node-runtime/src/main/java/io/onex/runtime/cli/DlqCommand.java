package io.onex.runtime.cli;

import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.ops.ClusterSession;
import io.onex.runtime.ops.DlqInventory;
import io.onex.runtime.ops.DlqRenderer;
import io.onex.runtime.ops.DlqSummary;
import io.onex.runtime.ops.DeadLetterView;
import io.onex.runtime.ops.RecordFilter;
import io.onex.runtime.ops.SafeText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code onex dlq list|show|replay}: the dead-letter topics, their letters, and re-publishing them. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Inspect and replay dead-letter topics (*.dlq, and the legacy *_dlq_* names).",
        subcommands = {DlqCommand.ListCommand.class, DlqCommand.ShowCommand.class, DlqReplayCommand.class})
final class DlqCommand implements Runnable {

    enum Format { table, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code onex dlq list [PATTERN]}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Per dead-letter topic: the letters counted by original topic and error type, with the"
                    + " oldest and newest letter's age. Reads without a consumer group and commits nothing.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {ClusterCommand.EXIT_OK,
                    ClusterCommand.EXIT_USAGE, ClusterCommand.EXIT_UNREACHABLE})
    static final class ListCommand extends ClusterCommand {

        @Parameters(arity = "0..1", paramLabel = "PATTERN",
                description = "a glob (* and ?) or a part of the DLQ topic's name; all DLQ topics when left out")
        String pattern;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
                description = "table or json (default: ${DEFAULT-VALUE})")
        Format format;

        @Override
        int run(ClusterSession session) {
            DlqInventory inventory = DlqInventory.of(session);
            List<String> topics = inventory.topics(pattern);
            List<DlqSummary> rows = inventory.list(pattern);
            DlqRenderer renderer = new DlqRenderer(new EnvelopeCodec().mapper());
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.json) {
                out.println(renderer.listJson(rows));
            } else {
                out.print(renderer.listTable(rows));
                out.printf("%d dead letter(s) in %d DLQ topic(s) on %s%n",
                        rows.stream().mapToLong(DlqSummary::count).sum(), topics.size(), session.servers());
            }
            out.flush();
            return OK;
        }
    }

    /** {@code onex dlq show TOPIC [--where CEL] [--limit N]}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The letters of a dead-letter topic: error, origin, replay count and the original envelope"
                    + " (payload secrets masked; an original that was not an envelope as escaped bytes). Reads"
                    + " without a consumer group and commits nothing.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {ClusterCommand.EXIT_OK,
                    "2:usage error (bad option, bad --where, unknown topic)", ClusterCommand.EXIT_UNREACHABLE})
    static final class ShowCommand extends ClusterCommand {

        @Parameters(paramLabel = "TOPIC", description = "the dead-letter topic (a name, or an ONEX reference"
                + " onex.evt.x.v1.dlq)")
        String topic;

        @Option(names = "--where", paramLabel = "CEL", description = "only the letters for which this CEL condition"
                + " holds, e.g. \"error.type.endsWith('TimeoutException') && replay_count == 0\"")
        String where;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
                description = "at most N letters (default: all)")
        long limit;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
                description = "table or json (one object per line) (default: ${DEFAULT-VALUE})")
        Format format;

        private RecordFilter filter;

        @Override
        void checkOptions() {
            if (limit < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--limit must be greater than or equal to 0, but was " + limit);
            }
            filter = WhereOption.compile(where);
        }

        @Override
        int run(ClusterSession session) {
            String name = TailCommand.resolve(topic, session);
            DlqRenderer renderer = new DlqRenderer(new EnvelopeCodec().mapper());
            PrintWriter out = spec.commandLine().getOut();
            List<DeadLetterView> letters = new ArrayList<>();
            long shown = DlqInventory.of(session).read(name, filter::test, limit, v -> {
                if (format == Format.json) {
                    out.println(renderer.showJson(v));
                } else {
                    letters.add(v);
                }
            });
            if (format == Format.table) {
                out.print(renderer.showTable(letters));
                out.printf("%d letter(s) in %s%n", shown, SafeText.escape(name));
            }
            out.flush();
            filter.failureNote().ifPresent(note -> spec.commandLine().getErr().println(note));
            return OK;
        }
    }
}
