package io.onex.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.ProducerTuning;
import io.onex.runtime.kafka.TopicProvisioner;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onex bench publish}: the publish rate of {@code kafka_event_effect} through the full pipeline (retry,
 * breaker, timeout, metrics) next to a plain kafka-clients loop that builds the same envelope JSON with Jackson and
 * sends it with the same producer settings. One process, one broker, alternating rounds (raw, node, raw, node, ...)
 * after a warm-up of each; each round waits for every delivery before stopping the clock and counts failures. Both
 * contenders keep the same bounded window of sends in flight, since a send-and-wait loop measures latency, not the
 * pipeline's cost. Both contenders' producers batch alike ({@code --linger-ms}, {@code --batch-size},
 * {@code --compression}). Prints one line per round, then one {@code key=value} line: {@code publish_ratio=<node
 * median / raw median>}, both medians, every round, the settings and the machine's load average.
 */
@Command(name = "publish", mixinStandardHelpOptions = true, description = "Publish rate of kafka_event_effect (full pipeline) vs plain kafka-clients.")
final class BenchPublishCommand implements Callable<Integer> {

    private static final String NODE = "kafka_event_effect";
    private static final String EVENT_TYPE = "BENCH_EVENT";
    /** The contract's heartbeat interval plus a margin. */
    private static final Duration HEARTBEAT_SETTLE = Duration.ofSeconds(32);

    @Option(names = "--bootstrap", description = "broker to use (default: start an embedded one)")
    String bootstrap;

    @Option(names = "--records", defaultValue = "500000", description = "records per round (default: ${DEFAULT-VALUE})")
    int records;

    @Option(names = "--payload-bytes", defaultValue = "500", description = "size of the payload JSON (default: ${DEFAULT-VALUE})")
    int payloadBytes;

    @Option(names = "--compression", defaultValue = "none",
            description = "none, gzip, snappy, lz4 or zstd, for both contenders (default: ${DEFAULT-VALUE})")
    String compression;

    @Option(names = "--linger-ms", defaultValue = "5",
            description = "linger.ms of both contenders' producers, 0 to 60000 (default: ${DEFAULT-VALUE}, Kafka's own)")
    int lingerMs;

    @Option(names = "--batch-size", defaultValue = "65536",
            description = "batch.size in bytes of both contenders' producers, 0 to 1048576 (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--rounds", defaultValue = "3", description = "measured rounds per contender (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--window", defaultValue = "5000", description = "sends in flight per contender (default: ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--contracts", defaultValue = "contracts", description = "contract folder (default: ${DEFAULT-VALUE})")
    Path contracts;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!KafkaClientProperties.COMPRESSION_TYPES.contains(compression)) {
            throw new IllegalArgumentException("--compression must be one of none, gzip, snappy, lz4, zstd, but was '"
                    + compression + "'");
        }
        if (records < 1 || rounds < 1 || window < 1 || payloadBytes < 12) {
            throw new IllegalArgumentException("--records, --rounds and --window must be >= 1 and --payload-bytes >= 12");
        }
        if (lingerMs < 0 || lingerMs > 60_000 || batchSize < 0 || batchSize > 1_048_576) {
            throw new IllegalArgumentException("--linger-ms must be 0 to 60000 and --batch-size 0 to 1048576, but were "
                    + lingerMs + " and " + batchSize);
        }
        PrintWriter out = spec.commandLine().getOut();
        BenchBroker.run(bootstrap, (servers, embedded) -> run(servers, embedded, out));
        return 0;
    }

    private void run(String servers, boolean embedded, PrintWriter out) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("KAFKA_COMPRESSION_TYPE", compression);
        // the node publishes through the runtime's event producer: the same batching as the raw contender's
        env.put("KAFKA_PRODUCER_LINGER_MS", Integer.toString(lingerMs));
        env.put("KAFKA_PRODUCER_BATCH_SIZE", Integer.toString(batchSize));
        env.put("KAFKA_TOPIC_PREFIX", "");
        if (embedded) {
            // as the runtime does with an embedded broker of its own: the registry and heartbeat topics exist, with
            // leaders, before the first heartbeat; auto-created mid-round, they cost the shared producer a
            // NOT_LEADER_OR_FOLLOWER retry and a metadata refresh in the middle of the measurement
            env.put("ONEX_CREATE_TOPICS", "true");
        }
        String topic = "bench.publish." + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> payload = Map.of("data", "x".repeat(payloadBytes - 11)); // {"data":"..."} = payloadBytes
        try (OnexRuntime runtime = OnexRuntime.builder().contracts(contracts).environment(env).bootstrapServers(servers)
                .httpPort(-1).build().start()) {
            long started = System.nanoTime();
            Map<String, Object> clientBase = runtime.config().kafkaClientProperties();
            try (Admin admin = Admin.create(KafkaClientProperties.admin(clientBase))) {
                new TopicProvisioner(admin, 3, (short) 1, "producer").ensureTopics(List.of(topic), Duration.ofSeconds(30));
            }
            try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
                    KafkaClientProperties.producer(clientBase, "onex-bench-raw",
                            new ProducerTuning(lingerMs, batchSize, compression)))) {
                RawLoop rawLoop = new RawLoop(raw, topic, payload, runtime.config().serviceName(), runtime.nodeId(NODE));
                out.printf("bench publish: broker %s (%s), topic %s (3 partitions), %d records/round, payload %d bytes"
                        + " (envelope %d bytes), compression %s, acks=all, idempotent, linger.ms %d, batch.size %d,"
                        + " window %d, heap max %d MB, %d rounds each after warm-up (at least 32 s: past the first"
                        + " heartbeat)%n", servers, embedded ? "embedded" : "external",
                        topic, records, payloadBytes, rawLoop.sampleSize(), compression, lingerMs, batchSize, window,
                        Runtime.getRuntime().maxMemory() / (1024 * 1024), rounds);
                out.flush();
                int warmup = Math.max(50_000, records / 2); // JIT and broker warm-up: the first round runs 20-40% slow
                // ... and past the runtime's first heartbeat: its publish (other payload types, through the same
                // publisher, codec and producer) makes the JIT recompile the node's path, measured here 20-30% more
                // CPU per record afterwards; rounds before it would show a state a running service is not in
                long warmUntil = started + HEARTBEAT_SETTLE.toNanos();
                do {
                    rawLoop.run(warmup, window);
                    nodeRound(runtime, topic, payload, warmup);
                } while (System.nanoTime() < warmUntil);
                double[] rawRates = new double[rounds];
                double[] nodeRates = new double[rounds];
                double[] rawCpu = new double[rounds];
                double[] nodeCpu = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    RoundResult rawRound = rawLoop.run(records, window);
                    rawRates[r] = report(out, r + 1, "raw kafka-clients", records, rawRound);
                    rawCpu[r] = rawRound.cpuNanos / 1e3 / records;
                    RoundResult nodeRound = nodeRound(runtime, topic, payload, records);
                    nodeRates[r] = report(out, r + 1, "kafka_event_effect", records, nodeRound);
                    nodeCpu[r] = nodeRound.cpuNanos / 1e3 / records;
                }
                double rawMedian = BenchFigures.median(rawRates);
                double nodeMedian = BenchFigures.median(nodeRates);
                // process CPU per record (broker included): the ratio of the two is what the rate ratio would be if
                // the process had the cores to itself, and is far less swayed by other load on the machine
                out.printf("publish_ratio=%.3f node_median_rps=%.0f raw_median_rps=%.0f cpu_ratio=%.3f"
                        + " node_cpu_us_median=%.1f raw_cpu_us_median=%.1f node_rounds=%s raw_rounds=%s"
                        + " linger_ms=%d batch_size=%d compression=%s records=%d payload_bytes=%d window=%d"
                        + " load_avg_1m=%.2f%n", nodeMedian / rawMedian, nodeMedian, rawMedian,
                        BenchFigures.median(rawCpu) / BenchFigures.median(nodeCpu), BenchFigures.median(nodeCpu),
                        BenchFigures.median(rawCpu), BenchFigures.rounded(nodeRates).replace(" ", ""),
                        BenchFigures.rounded(rawRates).replace(" ", ""), lingerMs, batchSize,
                        compression, records, payloadBytes, window,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                out.flush();
            }
        }
    }

    private RoundResult nodeRound(OnexRuntime runtime, String topic, Map<String, Object> payload, int n)
            throws InterruptedException {
        SendWindow w = new SendWindow(window);
        long cpu0 = BenchFigures.processCpuNanos();
        long gc0 = BenchFigures.gcMillis();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Map<String, Object> input = new LinkedHashMap<>(4);
            input.put("topic", topic);
            input.put("event_type", EVENT_TYPE);
            input.put("payload", payload);
            w.acquire();
            runtime.call(NODE, input).whenComplete((r, e) -> w.release(e));
        }
        w.awaitAll();
        return new RoundResult(System.nanoTime() - t0, BenchFigures.processCpuNanos() - cpu0,
                BenchFigures.gcMillis() - gc0, w.failures(), w.firstFailure());
    }

    private static double report(PrintWriter out, int round, String who, int n, RoundResult r) {
        double rate = n / (r.nanos / 1e9);
        // process CPU per record (broker included, it runs in this process): less swayed than the rate by whatever
        // else the machine runs
        out.printf("round %d %-18s %d records in %.2f s = %.0f records/s, cpu %.1f us/record, gc %d ms, failures %d%s%n",
                round, who, n, r.nanos / 1e9, rate, r.cpuNanos / 1e3 / n, r.gcMillis, r.failures,
                r.firstFailure == null ? "" : " (first: " + r.firstFailure + ")");
        out.flush();
        if (r.failures > 0) {
            throw new IllegalStateException(r.failures + " of " + n + " " + who + " sends failed in round " + round
                    + "; first: " + r.firstFailure);
        }
        return rate;
    }

    private record RoundResult(long nanos, long cpuNanos, long gcMillis, long failures, Throwable firstFailure) {
    }

    /** Contender (a): what a careful hand-written producer loop does per record. */
    private static final class RawLoop {
        private static final byte[] CONTENT_TYPE = "application/json".getBytes(StandardCharsets.UTF_8);
        private final KafkaProducer<byte[], byte[]> producer;
        private final String topic;
        private final Map<String, Object> payload;
        private final Map<String, Object> source;
        private final Map<String, Object> metadata = Map.of("environment", "dev", "node_version", "1.0.0");
        private final ObjectMapper mapper = EnvelopeCodec.defaultMapper();

        RawLoop(KafkaProducer<byte[], byte[]> producer, String topic, Map<String, Object> payload, String service,
                String nodeId) {
            this.producer = producer;
            this.topic = topic;
            this.payload = payload;
            this.source = Map.of("service", service, "node_type", "effect", "node_id", nodeId);
        }

        int sampleSize() throws Exception {
            return envelope(UUID.randomUUID().toString(), UUID.randomUUID().toString()).length;
        }

        private byte[] envelope(String eventId, String correlationId) throws Exception {
            Instant now = Instant.now();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("event_id", eventId);
            e.put("event_type", EVENT_TYPE);
            e.put("correlation_id", correlationId);
            e.put("causation_id", null);
            e.put("timestamp", BigDecimal.valueOf(now.getEpochSecond()).add(BigDecimal.valueOf(now.getNano() / 1000, 6)));
            e.put("version", "1.0.0");
            e.put("source", source);
            e.put("metadata", metadata);
            e.put("payload", payload);
            return mapper.writeValueAsBytes(e);
        }

        RoundResult run(int n, int windowSize) throws Exception {
            SendWindow w = new SendWindow(windowSize);
            long cpu0 = BenchFigures.processCpuNanos();
            long gc0 = BenchFigures.gcMillis();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String eventId = UUID.randomUUID().toString();
                String correlationId = UUID.randomUUID().toString();
                byte[] value = envelope(eventId, correlationId);
                byte[] key = correlationId.getBytes(StandardCharsets.UTF_8);
                Header[] headers = {new RecordHeader("event_id", eventId.getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader("event_type", EVENT_TYPE.getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader("correlation_id", key), new RecordHeader("content-type", CONTENT_TYPE)};
                w.acquire();
                producer.send(new ProducerRecord<>(topic, null, key, value, new RecordHeaders(headers)),
                        (md, e) -> w.release(e));
            }
            w.awaitAll();
            return new RoundResult(System.nanoTime() - t0, BenchFigures.processCpuNanos() - cpu0,
                BenchFigures.gcMillis() - gc0, w.failures(), w.firstFailure());
        }
    }
}
