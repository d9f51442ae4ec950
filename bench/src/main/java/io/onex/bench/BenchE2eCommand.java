package io.onex.bench;

import com.google.inject.AbstractModule;
import io.onex.api.contract.ConsumerSpec;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.api.contract.SemanticVersion;
import io.onex.api.contract.TopicsSpec;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.ProducerTuning;
import io.onex.runtime.kafka.TopicProvisioner;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onex bench e2e}: publish-to-handled latency of events published through {@code kafka_event_effect} in one
 * runtime and handled by a node ({@link E2eProbeNode}) subscribed in a second runtime of the same JVM, beside a plain
 * kafka-clients producer and consumer ({@link RawE2ePair}) at the same rate, on the same broker, in the same run.
 * Both paths are paced open loop ({@link PacedSender}); after a warm-up of each, the raw pair and the node path run
 * for {@code --seconds} at {@code --rate}, in {@code --slices} alternating slices; then a short ramp finds, per path,
 * the highest of the {@code --ramp} rates at which p99 stays under 100 ms. Prints one line per phase and one {@code key=value} summary line.
 */
@Command(name = "e2e", mixinStandardHelpOptions = true,
        description = "Publish-to-handled latency through kafka_event_effect and a consuming node vs a plain kafka-clients pair.")
final class BenchE2eCommand implements Callable<Integer> {

    static final String EVENT_TYPE = "BENCH_E2E";
    private static final String NODE = "kafka_event_effect";
    private static final long P99_BOUND_MICROS = 100_000;
    private static final Duration DRAIN = Duration.ofSeconds(30);

    @Option(names = "--bootstrap", description = "broker to use (default: start an embedded one)")
    String bootstrap;

    @Option(names = "--rate", defaultValue = "5000", description = "events per second of the compared phases (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", defaultValue = "10", description = "length of each compared phase (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--slices", defaultValue = "5",
            description = "the compared seconds run as this many alternating slices of raw and node, so that both see"
                    + " the same machine (default: ${DEFAULT-VALUE})")
    int slices;

    @Option(names = "--warmup-seconds", defaultValue = "5", description = "warm-up of each path at --rate, not counted (default: ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--ramp", defaultValue = "1000,2000,5000,10000,20000", split = ",",
            description = "rates of the ramp, ascending; 0 for none (default: ${DEFAULT-VALUE})")
    List<Integer> ramp;

    @Option(names = "--ramp-seconds", defaultValue = "3", description = "length of each ramp step (default: ${DEFAULT-VALUE})")
    double rampSeconds;

    @Option(names = "--payload-bytes", defaultValue = "200", description = "padding in each payload (default: ${DEFAULT-VALUE})")
    int payloadBytes;

    @Option(names = "--linger-ms", defaultValue = "5", description = "linger.ms of both producers (default: ${DEFAULT-VALUE})")
    int lingerMs;

    @Option(names = "--batch-size", defaultValue = "65536", description = "batch.size of both producers (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--compression", defaultValue = "none", description = "none, gzip, snappy, lz4 or zstd (default: ${DEFAULT-VALUE})")
    String compression;

    @Option(names = "--contracts", defaultValue = "contracts",
            description = "folder of kafka_event_effect.yaml, or the file (default: ${DEFAULT-VALUE})")
    Path contracts;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (rate < 1 || seconds <= 0 || warmupSeconds < 0 || rampSeconds <= 0 || payloadBytes < 0 || slices < 1) {
            throw new IllegalArgumentException("--rate and --slices must be >= 1, --seconds and --ramp-seconds > 0, "
                    + "--warmup-seconds and --payload-bytes >= 0");
        }
        if (!KafkaClientProperties.COMPRESSION_TYPES.contains(compression)) {
            throw new IllegalArgumentException("--compression must be one of none, gzip, snappy, lz4, zstd, but was '"
                    + compression + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        BenchBroker.run(bootstrap, (servers, embedded) -> run(servers, embedded, out));
        return 0;
    }

    private void run(String servers, boolean embedded, PrintWriter out) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String nodeTopic = "bench.e2e." + id;
        String rawTopic = "bench.e2e.raw." + id;
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("KAFKA_TOPIC_PREFIX", "");
        env.put("KAFKA_COMPRESSION_TYPE", compression);
        env.put("KAFKA_PRODUCER_LINGER_MS", Integer.toString(lingerMs));
        env.put("KAFKA_PRODUCER_BATCH_SIZE", Integer.toString(batchSize));
        if (embedded) {
            env.put("ONEX_CREATE_TOPICS", "true");
        }
        E2eLatencies latencies = new E2eLatencies();
        Path effect = Files.isDirectory(contracts) ? contracts.resolve(NODE + ".yaml") : contracts;
        try (OnexRuntime publisher = OnexRuntime.builder().contracts(effect).environment(env)
                .bootstrapServers(servers).httpPort(-1).build().start()) {
            Map<String, Object> base = publisher.config().kafkaClientProperties();
            try (Admin admin = Admin.create(KafkaClientProperties.admin(base))) {
                new TopicProvisioner(admin, 3, (short) 1, "producer").ensureTopics(List.of(nodeTopic, rawTopic),
                        Duration.ofSeconds(30));
            }
            NodeContract probe = probeContract(nodeTopic, id);
            try (OnexRuntime consumer = OnexRuntime.builder().contracts(List.of(probe)).environment(env)
                    .bootstrapServers(servers).httpPort(-1).modules(new AbstractModule() {
                        @Override
                        protected void configure() {
                            bind(E2eLatencies.class).toInstance(latencies);
                        }
                    }).build().start();
                    RawE2ePair raw = new RawE2ePair(base, rawTopic, new ProducerTuning(lingerMs, batchSize, compression),
                            probe.consumer().orElseThrow().maxPollRecords(), latencies)) {
                out.printf("bench e2e: broker %s (%s), topics %s and %s (3 partitions), rate %d/s for %s s after %s s"
                        + " of warm-up, payload padding %d bytes, linger.ms %d, batch.size %d, compression %s,"
                        + " ramp %s at %s s a step; publishing runtime %s, consuming runtime %s%n", servers,
                        embedded ? "embedded" : "external", nodeTopic, rawTopic, rate, seconds, warmupSeconds,
                        payloadBytes, lingerMs, batchSize, compression, ramp, rampSeconds,
                        publisher.nodeId(NODE), consumer.nodeId(probe.name()));
                out.flush();
                run(new Paths(publisher, raw, nodeTopic, "x".repeat(payloadBytes), latencies), out);
            }
        }
    }

    private void run(Paths paths, PrintWriter out) throws Exception {
        if (warmupSeconds > 0) {
            paths.measure(Route.RAW, rate, warmupSeconds).print(out, "warm-up");
            paths.measure(Route.NODE, rate, warmupSeconds).print(out, "warm-up");
        }
        // alternating slices: the load other processes put on the machine changes by the second, and a path measured
        // after the other would be judged under another load
        Phase raw = null;
        Phase node = null;
        for (int s = 0; s < slices; s++) {
            raw = paths.measure(Route.RAW, rate, seconds / slices).plus(raw);
            node = paths.measure(Route.NODE, rate, seconds / slices).plus(node);
        }
        raw.print(out, "measured");
        node.print(out, "measured");
        int rawMax = rampMax(paths, Route.RAW, out);
        int nodeMax = rampMax(paths, Route.NODE, out);
        double ratio = raw.percentileMs(99) > 0 ? node.percentileMs(99) / raw.percentileMs(99) : Double.NaN;
        out.printf("e2e_p99_ratio=%.2f rate=%d seconds=%s node_p50_ms=%.2f node_p95_ms=%.2f node_p99_ms=%.2f"
                        + " node_p999_ms=%.2f node_max_ms=%.2f raw_p50_ms=%.2f raw_p95_ms=%.2f raw_p99_ms=%.2f"
                        + " raw_p999_ms=%.2f raw_max_ms=%.2f node_lost=%d raw_lost=%d node_failed=%d raw_failed=%d"
                        + " node_max_rate_p99_under_100ms=%d raw_max_rate_p99_under_100ms=%d ramp_top=%d"
                        + " linger_ms=%d batch_size=%d compression=%s payload_bytes=%d load_avg_1m=%.2f%n",
                ratio, rate, seconds, node.percentileMs(50), node.percentileMs(95), node.percentileMs(99),
                node.percentileMs(99.9), node.maxMs(), raw.percentileMs(50), raw.percentileMs(95),
                raw.percentileMs(99), raw.percentileMs(99.9), raw.maxMs(), node.lost(), raw.lost(), node.failed,
                raw.failed, nodeMax, rawMax, ramp.stream().mapToInt(Integer::intValue).max().orElse(0), lingerMs,
                batchSize, compression, payloadBytes, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.flush();
    }

    /** The highest ramp rate whose p99 stays under 100 ms with every event handled; 0 when the first does not. */
    private int rampMax(Paths paths, Route path, PrintWriter out) throws Exception {
        int best = 0;
        for (int r : ramp) {
            if (r <= 0) {
                continue;
            }
            Phase p = paths.measure(path, r, rampSeconds).print(out, "ramp");
            if (p.lost() > 0 || p.failed > 0 || p.histogram.getValueAtPercentile(99) >= P99_BOUND_MICROS) {
                break;
            }
            best = r;
        }
        return best;
    }

    private static NodeContract probeContract(String topic, String id) {
        return NodeContract.builder().name("e2e_probe").version(SemanticVersion.parse("1.0.0"))
                .nodeType(NodeType.EFFECT).implementation(E2eProbeNode.class.getName())
                .description("Records the publish-to-handled time of each bench event.")
                .topics(new TopicsSpec(List.of(topic), List.of()))
                .consumer(new ConsumerSpec("onex-bench-e2e-" + id, 500, 100, 500, Duration.ofSeconds(1), "earliest"))
                .build();
    }

    private enum Route {
        RAW("raw kafka-clients"), NODE("kafka_event_effect");

        final String label;

        Route(String label) {
            this.label = label;
        }
    }

    /** One phase's outcome: events sent, handled, failed, and the histogram of their publish-to-handled times. */
    private record Phase(Route path, int rate, double seconds, long sent, long handled, long failed,
            double sendSeconds, Histogram histogram) {

        double percentileMs(double p) {
            return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(p) / 1000.0;
        }

        double maxMs() {
            return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0;
        }

        long lost() {
            return sent - handled;
        }

        /** This slice and an earlier one of the same path and rate (null: none) as one phase. */
        Phase plus(Phase earlier) {
            if (earlier == null) {
                return this;
            }
            Histogram both = earlier.histogram.copy();
            both.add(histogram);
            return new Phase(path, rate, seconds + earlier.seconds, sent + earlier.sent, handled + earlier.handled,
                    failed + earlier.failed, sendSeconds + earlier.sendSeconds, both);
        }

        Phase print(PrintWriter out, String kind) {
            out.printf("phase=%s path=%s rate=%d seconds=%s sent=%d handled=%d failed=%d send_seconds=%.2f"
                            + " p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f%n", kind,
                    path == Route.RAW ? "raw" : "node", rate, seconds, sent, handled, failed, sendSeconds,
                    percentileMs(50), percentileMs(95), percentileMs(99), percentileMs(99.9), maxMs());
            out.flush();
            return this;
        }
    }

    /** The two paths, and a phase counter: each phase's events carry its number, so that phases never mix. */
    private static final class Paths {
        private final OnexRuntime publisher;
        private final RawE2ePair raw;
        private final String topic;
        private final String pad;
        private final E2eLatencies latencies;
        private int nextPhase = 1;

        Paths(OnexRuntime publisher, RawE2ePair raw, String topic, String pad, E2eLatencies latencies) {
            this.publisher = publisher;
            this.raw = raw;
            this.topic = topic;
            this.pad = pad;
            this.latencies = latencies;
        }

        Phase measure(Route path, int rate, double seconds) throws Exception {
            int phase = nextPhase++;
            AtomicLong failed = new AtomicLong();
            long rawFailuresBefore = raw.failures();
            long t0 = System.nanoTime();
            long sent = PacedSender.run(rate, seconds, (due, i) -> {
                if (path == Route.RAW) {
                    raw.send(phase, due, pad);
                } else {
                    publisher.call(NODE, input(phase, due)).whenComplete((r, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                        }
                    });
                }
            });
            double sendSeconds = (System.nanoTime() - t0) / 1e9;
            long deadline = System.nanoTime() + DRAIN.toNanos();
            while (latencies.handledCount(phase) + failed.get() < sent && System.nanoTime() < deadline) {
                LockSupport.parkNanos(5_000_000);
            }
            long failures = path == Route.RAW ? raw.failures() - rawFailuresBefore : failed.get();
            return new Phase(path, rate, seconds, sent, latencies.handledCount(phase), failures, sendSeconds,
                    latencies.histogram(phase));
        }

        private Map<String, Object> input(int phase, long due) {
            Map<String, Object> payload = new LinkedHashMap<>(4);
            payload.put(E2eProbeNode.DUE_NANOS, due);
            payload.put(E2eProbeNode.PHASE, phase);
            payload.put("pad", pad);
            Map<String, Object> in = new LinkedHashMap<>(4);
            in.put("topic", topic);
            in.put("event_type", EVENT_TYPE);
            in.put("payload", payload);
            return in;
        }
    }
}
