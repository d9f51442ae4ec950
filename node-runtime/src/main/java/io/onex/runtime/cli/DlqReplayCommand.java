package io.onex.runtime.cli;

import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.ops.ClusterSession;
import io.onex.runtime.ops.DeadLetterReader;
import io.onex.runtime.ops.DeadLetterView;
import io.onex.runtime.ops.DlqReplay;
import io.onex.runtime.ops.RecordFilter;
import io.onex.runtime.ops.ReplayOptions;
import io.onex.runtime.ops.ReplayRecords;
import io.onex.runtime.ops.ReplayReport;
import io.onex.runtime.ops.SafeText;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code onex dlq replay TOPIC}: re-publishes dead letters' original envelopes, resumably ({@link DlqReplay}). */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-publish the original envelope of each letter (same bytes, same event id, so consumers that"
                + " are idempotent by event id absorb a repeat) to its original topic or --to TOPIC, with the"
                + " onex-replay-count header raised by one. A letter replayed --max-replays times is parked (left"
                + " alone) unless --force. Resumable: progress is committed to the consumer group"
                + " onex-dlq-replay.<dlq topic>[.to.<topic>][.<selection digest>] only after each send is"
                + " acknowledged, so a rerun continues where the last run stopped.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:ok: every selected letter replayed (or parked)",
                "1:a send failed: the replay stopped there, rerun to resume",
                "2:usage error (bad option, bad --where, unknown topic)", ClusterCommand.EXIT_UNREACHABLE})
final class DlqReplayCommand extends ClusterCommand {

    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

    @Parameters(paramLabel = "TOPIC", description = "the dead-letter topic (a name, or an ONEX reference"
            + " onex.evt.x.v1.dlq)")
    String topic;

    @Option(names = "--where", paramLabel = "CEL", description = "only the letters for which this CEL condition"
            + " holds (as for `onex dlq show`)")
    String where;

    @Option(names = "--to", paramLabel = "original|TOPIC", defaultValue = "original",
            description = "where to publish: each letter's original topic, or this topic (default: ${DEFAULT-VALUE})")
    String to;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "replay at most N letters in this run (default: all)")
    long limit;

    @Option(names = "--max-replays", paramLabel = "N", defaultValue = "" + ReplayOptions.DEFAULT_MAX_REPLAYS,
            description = "park letters already replayed N times (default: ${DEFAULT-VALUE})")
    int maxReplays;

    @Option(names = "--force", description = "replay parked letters too")
    boolean force;

    @Option(names = "--dry-run", description = "send and commit nothing; print what would be replayed")
    boolean dryRun;

    private RecordFilter filter;
    private ReplayOptions options;

    @Override
    void checkOptions() {
        filter = WhereOption.compile(where);
        try {
            options = new ReplayOptions(topic, Optional.empty(), Optional.ofNullable(where), limit, maxReplays, force,
                    dryRun);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    int run(ClusterSession session) throws InterruptedException {
        String dlq = TailCommand.resolve(topic, session);
        Optional<String> destination = to.equals("original") ? Optional.empty()
                : Optional.of(TailCommand.resolve(to, session));
        options = new ReplayOptions(dlq, destination, options.where(), limit, maxReplays, force, dryRun);
        EnvelopeCodec codec = new EnvelopeCodec();
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = new Progress(spec.commandLine().getErr());
        AtomicBoolean stopped = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Map<String, Object> consumerProps = new HashMap<>(session.standaloneConsumerProperties("onex-dlq-replay"));
        consumerProps.put("group.id", options.groupId());
        ReplayReport report;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(session))) {
            // Ctrl-C: finish the batch in flight (acknowledged and committed), then stop
            Thread hook = new Thread(() -> {
                stopped.set(true);
                try {
                    done.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "onex-dlq-replay-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                progress.line("%s %s to %s (group %s)", dryRun ? "dry run of" : "replaying", SafeText.escape(dlq),
                        destination.map(SafeText::escape).orElse("the original topics"), options.groupId());
                report = new DlqReplay(consumer, producer, new DeadLetterReader(codec),
                        new ReplayRecords(codec.mapper())).run(options, filter, stopped::get,
                                new Lines(out, progress, dryRun));
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits for this
                }
            }
        }
        out.println(report.summary(dryRun));
        out.flush();
        filter.failureNote().ifPresent(note -> spec.commandLine().getErr().println(note));
        if (report.failed() > 0) {
            return fail(VERDICT_BAD, "a send failed, the replay stopped there: " + report.failure().orElse("?")
                    + " (rerun the same command to resume)");
        }
        return OK;
    }

    private static Map<String, Object> producerProperties(ClusterSession session) {
        return KafkaClientProperties.producer(session.config().kafkaClientProperties(), "onex-dlq-replay", "none");
    }

    /** Parked and unreplayable letters (and, dry, the replays) on stdout; progress on stderr, once a second. */
    private static final class Lines implements DlqReplay.Listener {
        private final PrintWriter out;
        private final Progress progress;
        private final boolean dryRun;
        private long lastProgress = System.nanoTime();

        Lines(PrintWriter out, Progress progress, boolean dryRun) {
            this.out = out;
            this.progress = progress;
            this.dryRun = dryRun;
        }

        @Override
        public void decided(DeadLetterView letter, DlqReplay.Decision decision, String destination) {
            String what = SafeText.escape(letter.position()) + " event "
                    + SafeText.escape(letter.eventId().orElse("-"));
            switch (decision) {
                case REPLAY -> {
                    if (dryRun) {
                        out.println("would replay " + what + " to " + SafeText.escape(destination)
                                + " (replay " + (letter.replayCount() + 1) + ")");
                    }
                }
                case PARKED -> out.println("parked " + what + ": replayed " + letter.replayCount()
                        + " time(s) already (--force replays it)");
                case UNREPLAYABLE -> out.println("unreplayable " + what + ": no original envelope or topic in it");
                case FILTERED_OUT -> {
                }
            }
        }

        @Override
        public void progress(long done, long total, ReplayReport soFar) {
            long now = System.nanoTime();
            if (now - lastProgress >= PROGRESS_EVERY_NANOS || done == total) {
                lastProgress = now;
                progress.line("%d/%d looked at: %s", done, total, soFar.summary(dryRun));
            }
        }
    }
}
