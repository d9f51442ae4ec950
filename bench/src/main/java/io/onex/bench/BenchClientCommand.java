package io.onex.bench;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.onex.client.OnexClient;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.TopicProvisioner;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onex bench client}: {@code OnexClient.produce} of a small protobuf message against a plain kafka-clients
 * loop that serialises the same message and sends the same bytes with the same producer settings and header, on the
 * same broker, in the same run, rounds alternating.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Produce rate of OnexClient (a small protobuf message) vs a plain kafka-clients loop sending the "
                + "same bytes; prints client_ratio=... with both medians.")
final class BenchClientCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", description = "broker to use (default: start an embedded one)")
    String bootstrap;

    @Option(names = "--records", defaultValue = "300000", description = "records per round (default: ${DEFAULT-VALUE})")
    int records;

    @Option(names = "--rounds", defaultValue = "3", description = "measured rounds per contender (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--window", defaultValue = "5000", description = "sends in flight per contender (default: ${DEFAULT-VALUE})")
    int window;

    @Spec
    CommandSpec spec;

    /** The message both contenders send: an order as a protobuf {@code Struct} (no generated code needed). */
    static Struct message(long i) {
        return Struct.newBuilder()
                .putFields("order_id", Value.newBuilder().setStringValue("o-" + i).build())
                .putFields("amount", Value.newBuilder().setNumberValue(42.5).build())
                .putFields("currency", Value.newBuilder().setStringValue("EUR").build())
                .build();
    }

    @Override
    public Integer call() throws Exception {
        if (records < 1 || rounds < 1 || window < 1) {
            throw new IllegalArgumentException("--records, --rounds and --window must be >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        BenchBroker.run(bootstrap, (servers, embedded) -> run(servers, embedded, out));
        return 0;
    }

    private void run(String servers, boolean embedded, PrintWriter out) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("KAFKA_BOOTSTRAP_SERVERS", servers);
        env.put("KAFKA_TOPIC_PREFIX", "");
        RuntimeConfig config = RuntimeConfig.fromEnvironment(env);
        String topic = "bench.client." + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(KafkaClientProperties.admin(config.kafkaClientProperties()))) {
            new TopicProvisioner(admin, 3, (short) 1, "producer").ensureTopics(List.of(topic), Duration.ofSeconds(30));
        }
        try (OnexClient client = OnexClient.builder().config(config).clientId("onex-bench-client").build();
                KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(KafkaClientProperties.producer(
                        config.kafkaClientProperties(), "onex-bench-raw", config.compressionType()))) {
            out.printf("bench client: broker %s (%s), topic %s (3 partitions), %d records/round, protobuf Struct of %d"
                    + " bytes, compression %s, the client's producer settings for both, window %d, heap max %d MB,"
                    + " %d rounds each after warm-up%n", servers, embedded ? "embedded" : "external", topic, records,
                    message(1_000_000).getSerializedSize(), config.compressionType(), window,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), rounds);
            out.flush();
            int warmup = Math.max(20_000, records / 2);
            rawRound(raw, topic, warmup);
            clientRound(client, topic, warmup);
            double[] rawRates = new double[rounds];
            double[] clientRates = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                rawRates[r] = report(out, r + 1, "raw kafka-clients", rawRound(raw, topic, records));
                clientRates[r] = report(out, r + 1, "OnexClient", clientRound(client, topic, records));
            }
            double rawMedian = BenchFigures.median(rawRates);
            double clientMedian = BenchFigures.median(clientRates);
            out.printf("client_ratio=%.3f client_median=%.0f raw_median=%.0f records=%d rounds=%d window=%d"
                    + " load=%.2f (records/s; client rounds %s, raw rounds %s)%n", clientMedian / rawMedian,
                    clientMedian, rawMedian, records, rounds, window,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    BenchFigures.rounded(clientRates), BenchFigures.rounded(rawRates));
            out.flush();
        }
    }

    private record Round(int records, long nanos, long cpuNanos, long failures, Throwable firstFailure) {
    }

    private Round clientRound(OnexClient client, String topic, int n) throws InterruptedException {
        SendWindow w = new SendWindow(window);
        long cpu0 = BenchFigures.processCpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            w.acquire();
            client.produce(topic, message(i), "k" + (i & 1023)).whenComplete((r, e) -> w.release(e));
        }
        w.awaitAll();
        return new Round(n, System.nanoTime() - t0, BenchFigures.processCpuNanos() - cpu0, w.failures(),
                w.firstFailure());
    }

    private static final byte[] PROTOBUF = "application/x-protobuf".getBytes(StandardCharsets.UTF_8);

    private Round rawRound(KafkaProducer<byte[], byte[]> raw, String topic, int n) throws InterruptedException {
        SendWindow w = new SendWindow(window);
        long cpu0 = BenchFigures.processCpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            w.acquire();
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                    ("k" + (i & 1023)).getBytes(StandardCharsets.UTF_8), message(i).toByteArray(),
                    List.of(new RecordHeader("content-type", PROTOBUF)));
            raw.send(record, (md, e) -> w.release(e));
        }
        w.awaitAll();
        return new Round(n, System.nanoTime() - t0, BenchFigures.processCpuNanos() - cpu0, w.failures(),
                w.firstFailure());
    }

    private static double report(PrintWriter out, int round, String who, Round r) {
        double rate = r.records() / (r.nanos() / 1e9);
        // process CPU per record (the embedded broker included): less swayed than the rate by other load
        out.printf("round %d %-18s %d records in %.2f s = %.0f records/s, cpu %.1f us/record, failures %d%n", round,
                who, r.records(), r.nanos() / 1e9, rate, r.cpuNanos() / 1e3 / r.records(), r.failures());
        out.flush();
        if (r.failures() > 0) {
            throw new IllegalStateException(r.failures() + " of " + r.records() + " " + who + " sends failed in round "
                    + round + "; first: " + r.firstFailure());
        }
        return rate;
    }

}
