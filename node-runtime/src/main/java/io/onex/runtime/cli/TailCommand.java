package io.onex.runtime.cli;

import io.onex.api.topic.TopicName;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.ops.ClusterSession;
import io.onex.runtime.ops.RecordDecoder;
import io.onex.runtime.ops.RecordFilter;
import io.onex.runtime.ops.RecordVariables;
import io.onex.runtime.ops.RecordView;
import io.onex.runtime.ops.SafeText;
import io.onex.runtime.ops.StartPosition;
import io.onex.runtime.ops.TailRenderer;
import io.onex.runtime.ops.TopicInventory;
import io.onex.runtime.ops.TopicTail;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code onex tail TOPIC...}: records decoded as ONEX envelopes (event type, time, correlation id, key, payload
 * summary), dead letters with their error, anything else as escaped bytes. Reads outside any consumer group.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print the records of topics, decoded: ONEX envelopes (event type, time,"
        + " correlation id, key, payload summary), dead letters with their error and origin, undecodable bytes"
        + " escaped and cut. Reads without a consumer group and commits nothing. Topic names may be ONEX references"
        + " (onex.evt.x.v1), resolved with ONEX_ENV and ONEX_TENANT.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {ClusterCommand.EXIT_OK,
                "2:usage error (bad option, unknown topic)", ClusterCommand.EXIT_UNREACHABLE})
final class TailCommand extends ClusterCommand {

    /** Records buffered before a table is printed (columns are aligned per chunk). */
    private static final int TABLE_CHUNK = 500;

    enum Format { table, json }

    @Parameters(arity = "1..*", paramLabel = "TOPIC", description = "the topics to read")
    List<String> topics;

    @Option(names = "--from", paramLabel = "WHERE", description = "beginning, end, -N (the last N records of each"
            + " partition) or an ISO-8601 time (default: beginning; end with --follow)")
    String from;

    @Option(names = "--follow", description = "keep printing new records until Ctrl-C (or --limit)")
    boolean follow;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "stop after N records (default: no limit)")
    long limit;

    @Option(names = "--where", paramLabel = "CEL", description = "print only the records for which this CEL"
            + " condition holds, e.g. \"event_type == 'NODE_HEARTBEAT' && payload.node_id.startsWith('reg')\"; it"
            + " reads topic, partition, offset, key, kind, event_id, event_type, correlation_id, source, payload,"
            + " error (type, message), original_topic, attempts, replay_count")
    String where;

    private RecordFilter filter;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (one object per line) (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    void checkOptions() {
        if (limit < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--limit must be greater than or equal to 0, but was " + limit);
        }
        filter = WhereOption.compile(where);
        if (from != null) {
            try {
                StartPosition.parse(from);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    /** A name or an ONEX reference, with {@code .dlq} after a reference too ({@code onex.evt.x.v1.dlq}). */
    static String resolve(String topic, ClusterSession session) {
        if (TopicName.isDeadLetter(topic)) {
            String base = topic.substring(0, topic.length() - TopicName.DLQ_SUFFIX.length());
            if (TopicName.isReference(base)) {
                return TopicName.deadLetterOf(session.config().resolveTopic(base));
            }
        }
        return session.config().resolveTopic(topic);
    }

    @Override
    int run(ClusterSession session) throws InterruptedException {
        EnvelopeCodec codec = new EnvelopeCodec(EnvelopeCodec.defaultMapper(), session.config().maxRecordBytes());
        RecordDecoder decoder = new RecordDecoder(codec);
        RecordVariables variables = new RecordVariables(codec);
        TailRenderer renderer = new TailRenderer(codec.mapper());
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = topics.stream().map(t -> resolve(t, session)).toList();
        Set<String> existing = new TopicInventory(session.admin()).existing(new HashSet<>(names));
        for (String name : names) {
            if (!existing.contains(name)) {
                throw new IllegalArgumentException("topic " + SafeText.escape(name) + " does not exist"
                        + " (`onex topics` lists them)");
            }
        }
        AtomicBoolean stopped = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                session.standaloneConsumerProperties("onex-tail-" + UUID.randomUUID().toString().substring(0, 8)))) {
            Thread hook = new Thread(() -> {
                stopped.set(true); // Ctrl-C while following: finish the line, close the consumer
                consumer.wakeup();
                try {
                    done.await(3, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "onex-tail-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                TopicTail tail = new TopicTail(consumer);
                tail.start(names, from != null ? from : follow ? "end" : "beginning");
                List<RecordView> chunk = new ArrayList<>();
                boolean streaming = follow || format == Format.json;
                if (streaming && format == Format.table) {
                    out.println(renderer.header());
                    out.flush();
                }
                long[] shown = {0};
                long seen;
                try {
                    tail.read(0, follow, () -> stopped.get() || limit > 0 && shown[0] >= limit, r -> {
                        RecordView view = decoder.decode(r);
                        if (limit > 0 && shown[0] >= limit || !filter.test(variables.of(r, view))) {
                            return;
                        }
                        shown[0]++;
                        if (streaming) {
                            out.println(format == Format.json ? renderer.json(view) : renderer.line(view));
                            out.flush();
                        } else {
                            chunk.add(view);
                            if (chunk.size() >= TABLE_CHUNK) {
                                out.print(renderer.table(chunk));
                                chunk.clear();
                            }
                        }
                    });
                    seen = shown[0];
                } catch (WakeupException interrupted) {
                    seen = -1;
                }
                if (!chunk.isEmpty()) {
                    out.print(renderer.table(chunk));
                }
                if (format == Format.table && seen >= 0) {
                    out.printf("%d record(s)%n", seen);
                }
                out.flush();
                filter.failureNote().ifPresent(note -> {
                    spec.commandLine().getErr().println(note);
                    spec.commandLine().getErr().flush();
                });
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits for this
                }
            }
        }
        return OK;
    }
}
