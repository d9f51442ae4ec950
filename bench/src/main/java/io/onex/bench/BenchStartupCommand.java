package io.onex.bench;

import io.onex.api.EventEnvelope;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.TopicProvisioner;
import java.io.File;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onex bench startup}: time to ready of {@code onex serve} against a running broker, seen from outside the
 * process: from launching it to the broker's timestamp (the producer's create time) of each node's start-up
 * {@code node-introspection}, read from the topic. Beside it, in the same run and on the same broker, a plain JVM
 * on the same classpath that sends one record with kafka-clients ({@link FirstSendBaseline}). Each run stops the
 * service (SIGTERM: its shutdown hook closes the runtime) and waits for it to exit before the next.
 */
@Command(name = "startup", mixinStandardHelpOptions = true,
        description = "Time from launching onex serve to every node's start-up introspection, vs a plain kafka-clients process.")
final class BenchStartupCommand implements Callable<Integer> {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String PART_TIMES = "start by part, ms:";
    /** {@code onex serve}'s exit code when the cluster did not answer in time. */
    private static final int SERVE_UNREACHABLE = 3;
    private static final int UNREACHABLE_TRIES = 3;

    @Option(names = "--bootstrap", required = true, description = "the running broker (e.g. started by ./onex broker)")
    String bootstrap;

    @Option(names = "--runs", defaultValue = "3", description = "runs of each (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--contracts", defaultValue = "contracts", description = "what onex serve runs (default: ${DEFAULT-VALUE})")
    Path contracts;

    @Option(names = "--launcher", defaultValue = "./onex", description = "the launcher to start (default: ${DEFAULT-VALUE})")
    String launcher;

    @Spec
    CommandSpec spec;

    /** Where the last started process writes its output. */
    private File log;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be >= 1, but was " + runs);
        }
        PrintWriter out = spec.commandLine().getOut();
        int nodes = new ContractLoader(System.getenv()).loadAll(contracts).size();
        RuntimeConfig rc = RuntimeConfig.fromEnvironment(System.getenv()).withBootstrapServers(bootstrap);
        String introspection = rc.resolveTopic(BridgeTopics.NODE_INTROSPECTION);
        String baselineTopic = "bench.startup." + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> base = rc.kafkaClientProperties();
        try (Admin admin = Admin.create(KafkaClientProperties.admin(base))) {
            new TopicProvisioner(admin, 1, (short) 1, "producer").ensureTopics(List.of(introspection, baselineTopic),
                    Duration.ofSeconds(30));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientProperties.consumer(base,
                "onex-bench-startup", "onex-bench-startup", 500, 6_000, "latest"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : List.of(introspection, baselineTopic)) {
                consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            out.printf("bench startup: broker %s, %s (%d nodes) by %s, %d runs, each beside a plain kafka-clients"
                    + " process sending one record%n", bootstrap, contracts, nodes, launcher, runs);
            out.flush();
            long[] serveFirst = new long[runs];
            long[] serveReady = new long[runs];
            long[] serveCpu = new long[runs];
            long[] baseline = new long[runs];
            long[] baselineCpu = new long[runs];
            Map<String, List<Long>> partRuns = new LinkedHashMap<>();
            for (int r = 0; r < runs; r++) {
                long[] plain = baselineRun(consumer, baselineTopic);
                baseline[r] = plain[0];
                baselineCpu[r] = plain[1];
                long[] serve = serveRun(consumer, introspection, nodes, out);
                serveFirst[r] = serve[0];
                serveReady[r] = serve[1];
                serveCpu[r] = serve[2];
                Map<String, Long> parts = partMillis();
                parts.forEach((part, ms) -> partRuns.computeIfAbsent(part, k -> new ArrayList<>()).add(ms));
                out.printf("run %d: serve first node %d ms, all %d nodes %d ms (process CPU %d ms by then); plain"
                        + " kafka-clients process %d ms (CPU %d ms); load average %.2f%n", r + 1, serveFirst[r], nodes,
                        serveReady[r], serveCpu[r], baseline[r], baselineCpu[r], loadAverage());
                if (!parts.isEmpty()) {
                    out.printf("run %d: the service's start by part, ms: %s%n", r + 1, parts);
                }
                out.flush();
            }
            // CPU to ready, beside the wall time: on a machine shared with other builds the wall time mostly
            // measures the queue for a core
            out.printf("startup_ratio=%.2f serve_ready_ms_median=%d serve_first_node_ms_median=%d baseline_ms_median=%d"
                            + " startup_cpu_ratio=%.2f serve_cpu_ms_median=%d baseline_cpu_ms_median=%d"
                            + " serve_ready_ms=%s baseline_ms=%s serve_cpu_ms=%s baseline_cpu_ms=%s nodes=%d runs=%d"
                            + " load_avg_1m=%.2f%s%n",
                    (double) median(serveReady) / median(baseline), median(serveReady), median(serveFirst),
                    median(baseline), (double) median(serveCpu) / median(baselineCpu), median(serveCpu),
                    median(baselineCpu), Arrays.toString(serveReady).replace(" ", ""),
                    Arrays.toString(baseline).replace(" ", ""), Arrays.toString(serveCpu).replace(" ", ""),
                    Arrays.toString(baselineCpu).replace(" ", ""), nodes, runs, loadAverage(), partMedians(partRuns));
            out.flush();
        }
        return 0;
    }

    /** @return {time to the record's timestamp, the process's CPU time when it was seen} in ms */
    private long[] baselineRun(KafkaConsumer<byte[], byte[]> consumer, String topic) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                FirstSendBaseline.class.getName(), bootstrap, topic);
        long t0 = System.currentTimeMillis();
        Process p = start(command);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(20))) {
                if (rec.topic().equals(topic) && rec.timestamp() >= t0) {
                    long cpu = cpuMillis(p);
                    stop(p);
                    return new long[] {rec.timestamp() - t0, cpu};
                }
            }
        }
        stop(p);
        throw new IllegalStateException("the plain kafka-clients process sent nothing within " + READY_TIMEOUT);
    }

    /**
     * @return {time to the first node's start-up introspection, time to the last, the process's CPU time when the
     *     last was seen} in ms
     */
    private long[] serveRun(KafkaConsumer<byte[], byte[]> consumer, String topic, int nodes, PrintWriter out)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return serveRun(consumer, topic, nodes);
            } catch (ClusterNotReached e) {
                // on a machine this loaded, the service's 5 s cluster check can time out: not a start-up figure
                if (attempt == UNREACHABLE_TRIES) {
                    throw new IllegalStateException(e.getMessage() + ", " + attempt + " times");
                }
                out.printf("(%s; load average %.2f: started again)%n", e.getMessage(), loadAverage());
                out.flush();
            }
        }
    }

    /** The service gave up on reaching the cluster ({@code onex serve}'s exit code 3). */
    private static final class ClusterNotReached extends Exception {
        private static final long serialVersionUID = 1L;

        ClusterNotReached(String message) {
            super(message, null, false, false);
        }
    }

    private long[] serveRun(KafkaConsumer<byte[], byte[]> consumer, String topic, int nodes) throws Exception {
        List<String> command = List.of(launcher, "serve", "--bootstrap", bootstrap, "--contracts",
                contracts.toString(), "--http-port", "-1");
        EnvelopeCodec codec = new EnvelopeCodec();
        Set<String> announced = new HashSet<>();
        long first = -1;
        long t0 = System.currentTimeMillis();
        Process p = start(command);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!p.isAlive() && p.exitValue() == SERVE_UNREACHABLE) {
                    throw new ClusterNotReached("onex serve could not reach the cluster; its output is in " + log);
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException("onex serve exited (code " + p.exitValue() + ") before "
                            + (nodes - announced.size()) + " of " + nodes + " nodes announced themselves; its output is"
                            + " in " + log);
                }
                for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(20))) {
                    if (!rec.topic().equals(topic) || rec.timestamp() < t0) {
                        continue;
                    }
                    EventEnvelope e = codec.decode(rec.value());
                    if (!"startup".equals(String.valueOf(e.payload().get("reason")))) {
                        continue;
                    }
                    if (first < 0) {
                        first = rec.timestamp() - t0;
                    }
                    announced.add(e.source().nodeId());
                    if (announced.size() >= nodes) {
                        long[] ready = {first, rec.timestamp() - t0, cpuMillis(p)};
                        awaitStartupLine(p);
                        return ready;
                    }
                }
            }
        } finally {
            stop(p);
        }
        throw new IllegalStateException(announced.size() + " of " + nodes + " nodes announced themselves within "
                + READY_TIMEOUT + "; the service's output is in " + log);
    }

    /**
     * Waits (up to 10 s) for the service's start-up line, which it logs just after its last part started and so may
     * not have written yet when the last introspection arrives: stopping it at once would lose its part times.
     */
    private void awaitStartupLine(Process p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (p.isAlive() && System.nanoTime() < deadline
                && !new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8).contains(PART_TIMES)) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private Process start(List<String> command) throws Exception {
        log = Files.createTempFile("onex-bench-startup-", ".log").toFile();
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        // the runtime's INFO lines: the start-up line says how long each part took (a dozen lines in all)
        pb.environment().put("ONEX_LOG_LEVEL", "INFO");
        return pb.start();
    }

    /**
     * The start-up line's time per part ({@code start by part, ms: shared_services=412 nodes=1210 ...}), or nothing
     * when the service printed none (a runtime from before it did).
     */
    private Map<String, Long> partMillis() throws Exception {
        Map<String, Long> parts = new LinkedHashMap<>();
        for (String line : new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8).split("\n")) {
            int at = line.indexOf(PART_TIMES);
            if (at < 0) {
                continue;
            }
            for (String kv : line.substring(at + PART_TIMES.length()).trim().split(" ")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    parts.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
                }
            }
        }
        return parts;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** CPU time of the process so far (all its threads; the launcher script execs the JVM, keeping the pid). */
    private static long cpuMillis(Process p) {
        return p.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** {@code " serve_part_ms_nodes=1210 ..."}: each part's median start time, or "" when none was reported. */
    private static String partMedians(Map<String, List<Long>> partRuns) {
        StringBuilder sb = new StringBuilder();
        partRuns.forEach((part, ms) -> sb.append(" serve_part_ms_").append(part).append('=')
                .append(median(ms.stream().mapToLong(Long::longValue).toArray())));
        return sb.toString();
    }

    private static long median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
