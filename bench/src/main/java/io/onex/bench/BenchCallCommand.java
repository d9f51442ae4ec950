package io.onex.bench;

import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.api.contract.SemanticVersion;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.cli.Durations;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.TopicProvisioner;
import io.onex.runtime.remote.RemoteTopics;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code onex bench call}: the round trip of a remote call (runtime A calls a node only runtime B runs, over its
 * request topic and A's reply topic) at a fixed rate, p50 and p99, and the maximum rate with a window of calls in
 * flight; beside {@link RawRequestReply}, a plain kafka-clients request/reply loop on the same broker in the same run.
 * Latency is measured from each call's scheduled time (so a late sender counts against its contender). Alternates
 * raw and runtime per phase after a warm-up of each. Prints {@code call_p99_ratio=...} with every figure on one line.
 */
@Command(name = "call", description = "Round trip of a remote call (p50/p99 at a fixed rate, max rate) vs plain "
        + "kafka-clients request/reply.")
final class BenchCallCommand implements Callable<Integer> {

    static final String NODE = "bench_echo_compute";
    /** The target: p99 of remote calls at most 1.5 times the raw loop's at 1,000 calls/s. */
    static final double TARGET_RATIO = 1.5;

    @Option(names = "--bootstrap", description = "broker to use (default: start an embedded one)")
    String bootstrap;

    @Option(names = "--rate", defaultValue = "1000", description = "calls per second of the fixed-rate phase "
            + "(default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--duration", defaultValue = "10s", description = "length of each fixed-rate phase "
            + "(default: ${DEFAULT-VALUE})")
    String durationText;

    @Option(names = "--window", defaultValue = "256", description = "calls in flight in the maximum-rate phase "
            + "(default: ${DEFAULT-VALUE})")
    int window;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Duration duration = Durations.parse(durationText, "--duration");
        if (rate < 1 || rate > 100_000) {
            throw new IllegalArgumentException("--rate must be between 1 and 100000, but was " + rate);
        }
        if (window < 1) {
            throw new IllegalArgumentException("--window must be >= 1, but was " + window);
        }
        PrintWriter out = spec.commandLine().getOut();
        BenchBroker.run(bootstrap, (servers, embedded) -> run(servers, embedded, duration, out));
        return 0;
    }

    static NodeContract echoContract() {
        return NodeContract.builder().name(NODE).version(SemanticVersion.parse("1.0.0")).nodeType(NodeType.COMPUTE)
                .description("answers its input").implementation(BenchEchoCompute.class.getName())
                .deadLetterEnabled(false).heartbeatInterval(Duration.ofSeconds(1)).build();
    }

    private void run(String servers, boolean embedded, Duration duration, PrintWriter out) throws Exception {
        String tenant = "bench_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("ONEX_TENANT", tenant);
        env.put("ONEX_CREATE_TOPICS", "true");
        try (OnexRuntime callee = OnexRuntime.builder().contracts(List.of(echoContract())).environment(env)
                .bootstrapServers(servers).httpPort(-1).build().start();
                OnexRuntime caller = OnexRuntime.builder().contracts(List.<NodeContract>of()).environment(env)
                        .bootstrapServers(servers).httpPort(-1).build().start()) {
            waitUntil(() -> !caller.directory().findByName(NODE).isEmpty(), "the caller to see " + NODE);
            int partitions = caller.config().topicPartitions();
            String rawRequests = "bench.raw-requests." + tenant;
            String rawReplies = "bench.raw-replies." + tenant;
            try (Admin admin = Admin.create(KafkaClientProperties.admin(caller.config().kafkaClientProperties()))) {
                new TopicProvisioner(admin, partitions, (short) 1, "producer")
                        .ensureTopics(List.of(rawRequests, rawReplies), Duration.ofSeconds(30));
            }
            byte[] rawValue = "{\"n\":0,\"text\":\"the quick brown fox jumps over the lazy dog\"}"
                    .getBytes(StandardCharsets.UTF_8);
            try (RawRequestReply raw = new RawRequestReply(servers, rawRequests, rawReplies, partitions,
                    "bench-raw-" + tenant)) {
                waitUntil(raw::serving, "the raw loop's server to get its partitions");
                IntFunction<CompletableFuture<?>> rawCall = i -> raw.call(rawValue);
                IntFunction<CompletableFuture<?>> remoteCall = i -> caller.call(NODE,
                        Map.of("n", i, "text", "the quick brown fox jumps over the lazy dog")).toCompletableFuture();
                out.printf("bench call: broker %s (%s), %s -> %s (%d partitions), reply topic per caller; raw loop on "
                                + "%s -> %s, linger.ms 0, acks=all; fixed rate %d calls/s for %s per contender after "
                                + "a warm-up; max rate with %d calls in flight%n", servers,
                        embedded ? "embedded" : "external", "caller", caller.config().resolveTopic(
                                RemoteTopics.requestTopic(NODE)), partitions, rawRequests, rawReplies, rate,
                        durationText, window);
                out.flush();
                Duration warm = Duration.ofSeconds(Math.max(2, duration.toSeconds() / 3));
                double loadBefore = loadAverage();
                fixedRate(rawCall, rate, warm);
                fixedRate(remoteCall, rate, warm);
                long cpu0 = BenchFigures.processCpuNanos();
                long[] rawLatencies = fixedRate(rawCall, rate, duration);
                long cpu1 = BenchFigures.processCpuNanos();
                long[] remoteLatencies = fixedRate(remoteCall, rate, duration);
                long cpu2 = BenchFigures.processCpuNanos();
                report(out, "raw kafka-clients", rawLatencies, cpu1 - cpu0);
                report(out, "remote call", remoteLatencies, cpu2 - cpu1);
                MaxRate rawMax = maxRate(rawCall, window, Duration.ofSeconds(5));
                MaxRate remoteMax = maxRate(remoteCall, window, Duration.ofSeconds(5));
                out.printf("max rate, %d in flight for 5 s: raw %.0f calls/s (cpu %.1f us/call), remote %.0f calls/s "
                        + "(cpu %.1f us/call)%n", window, rawMax.callsPerSecond(), rawMax.cpuMicrosPerCall(),
                        remoteMax.callsPerSecond(), remoteMax.cpuMicrosPerCall());
                double ratio = pct(remoteLatencies, 0.99) / (double) pct(rawLatencies, 0.99);
                // CPU of this whole process (both runtimes, the raw loop, the embedded broker) per call of a phase:
                // swayed less than latency by the other load of a shared machine
                out.printf("call_p99_ratio=%.2f rate=%d duration=%s partitions=%d remote_p50_ms=%.2f "
                                + "remote_p99_ms=%.2f raw_p50_ms=%.2f raw_p99_ms=%.2f remote_max_calls_s=%.0f "
                                + "raw_max_calls_s=%.0f remote_cpu_us_per_call=%.1f raw_cpu_us_per_call=%.1f "
                                + "remote_max_cpu_us_per_call=%.1f raw_max_cpu_us_per_call=%.1f window=%d "
                                + "late_replies=%d load_avg=%.2f->%.2f target_ratio=%.1f target=%s broker=%s%n",
                        ratio, rate, durationText, partitions,
                        pct(remoteLatencies, 0.5) / 1e6, pct(remoteLatencies, 0.99) / 1e6,
                        pct(rawLatencies, 0.5) / 1e6, pct(rawLatencies, 0.99) / 1e6, remoteMax.callsPerSecond(),
                        rawMax.callsPerSecond(), (cpu2 - cpu1) / 1e3 / remoteLatencies.length,
                        (cpu1 - cpu0) / 1e3 / rawLatencies.length, remoteMax.cpuMicrosPerCall(),
                        rawMax.cpuMicrosPerCall(), window, caller.lateReplies(), loadBefore, loadAverage(),
                        TARGET_RATIO, ratio <= TARGET_RATIO ? "met" : "NOT_met", embedded ? "embedded" : "external");
                out.flush();
            }
        }
    }

    /**
     * Calls at a fixed rate for a while; returns each call's latency from its scheduled time to its answer, sorted.
     *
     * @throws IllegalStateException when a call failed or did not end within 30 s of the last one's start
     */
    static long[] fixedRate(IntFunction<CompletableFuture<?>> call, int perSecond, Duration d)
            throws InterruptedException {
        int n = (int) Math.max(1, d.toMillis() * perSecond / 1000);
        long interval = 1_000_000_000L / perSecond;
        long[] latencies = new long[n];
        CountDownLatch done = new CountDownLatch(n);
        AtomicLong failures = new AtomicLong();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = t0 + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            call.apply(i).whenComplete((v, e) -> {
                latencies[index] = System.nanoTime() - due;
                if (e != null) {
                    failures.incrementAndGet();
                }
                done.countDown();
            });
        }
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(done.getCount() + " of " + n + " calls had no answer 30 s after the last");
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + n + " calls failed");
        }
        Arrays.sort(latencies);
        return latencies;
    }

    /** What the maximum-rate phase of a contender gave: calls answered per second, and process CPU per call. */
    record MaxRate(double callsPerSecond, double cpuMicrosPerCall) {
    }

    /** Calls with a window in flight for a while. */
    static MaxRate maxRate(IntFunction<CompletableFuture<?>> call, int window, Duration d) throws InterruptedException {
        SendWindow w = new SendWindow(window);
        long cpu0 = BenchFigures.processCpuNanos();
        long t0 = System.nanoTime();
        long end = t0 + d.toNanos();
        int n = 0;
        while (System.nanoTime() < end) {
            w.acquire();
            call.apply(n++).whenComplete((v, e) -> w.release(e));
        }
        w.awaitAll();
        if (w.failures() > 0) {
            throw new IllegalStateException(w.failures() + " of " + n + " calls failed; first: " + w.firstFailure());
        }
        return new MaxRate(n / ((System.nanoTime() - t0) / 1e9), (BenchFigures.processCpuNanos() - cpu0) / 1e3 / n);
    }

    /** Polls a condition every 50 ms for up to 60 s (start-up only: group joins, the first heartbeat). */
    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("gave up after 60 s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static void report(PrintWriter out, String who, long[] sorted, long cpuNanos) {
        out.printf("%-18s %d calls: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, cpu %.1f us/call%n", who,
                sorted.length, pct(sorted, 0.5) / 1e6, pct(sorted, 0.9) / 1e6, pct(sorted, 0.99) / 1e6,
                sorted[sorted.length - 1] / 1e6, cpuNanos / 1e3 / sorted.length);
        out.flush();
    }

    /** The system's load average over the last minute (other builds on a shared machine show here). */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))];
    }
}
