package io.onex.runtime.remote.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onex.kafka.embedded.EmbeddedKafkaBroker;
import io.onex.runtime.OnexRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two JVMs serve {@code recording_compute} ({@link ServingMember}); a caller runtime in this JVM issues calls at a
 * steady rate and one serving JVM is killed with {@code kill -9} mid-stream. Every call must still be answered, once,
 * with its own output: the caller's retry after a timed-out attempt (its contract of the node,
 * {@code remote.served: elsewhere}) covers the requests the killed JVM had taken. Executions are counted per call
 * from the members' files; at-least-once is the promise, so calls executed twice are reported, not forbidden.
 * Prints {@code REMOTE_FAILOVER key=value ...}. Run by the {@code process} profile.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class RemoteCallFailoverProcessIT {

    private static final int CALLS = 300;
    private static final int RATE_PER_SECOND = 50;
    private static final int KILL_AFTER = 100;

    private final List<Process> members = new ArrayList<>();

    @AfterEach
    void killMembers() {
        members.forEach(Process::destroyForcibly);
    }

    @Test
    void everyCallIsAnsweredOnceWhileAServingInstanceIsKilledMidStream() throws Exception {
        String tenant = "pf_" + UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createTempDirectory("remote-failover");
        Path executionsA = dir.resolve("a.log");
        Path executionsB = dir.resolve("b.log");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            Process a = startMember(broker.bootstrapServers(), tenant, "a", executionsA, dir);
            Process b = startMember(broker.bootstrapServers(), tenant, "b", executionsB, dir);
            try (OnexRuntime caller = OnexRuntime.builder()
                    .contracts(Path.of("src/test/resources/remote-failover-contracts/caller"))
                    .environment(Map.of("ONEX_TENANT", tenant, "ONEX_CREATE_TOPICS", "true",
                            "ONEX_TOPIC_PARTITIONS", "6"))
                    .bootstrapServers(broker.bootstrapServers()).httpPort(-1).build().start()) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> caller.directory().findByName("recording_compute").size() == 2);
                // both instances serve once the request group has split the partitions between them
                AtomicInteger warm = new AtomicInteger();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    caller.call("recording_compute", Map.of("call", "warm-" + warm.incrementAndGet()));
                    return Files.exists(executionsA) && Files.exists(executionsB);
                });

                Load load = callsKillingAfter(caller, a);
                load.awaitAnswers();

                List<CompletableFuture<Object>> calls = load.calls;
                int failed = (int) calls.stream().filter(CompletableFuture::isCompletedExceptionally).count();
                List<String> killedLines = lines(executionsA);
                List<String> survivorLines = lines(executionsB);
                int[] byCount = executionsPerCall(killedLines, survivorLines); // [never, once, twice, more]
                int never = byCount[0];
                System.out.printf("REMOTE_FAILOVER calls=%d rate=%d/s killed_after=%d instances=2 attempt_timeout=2s "
                                + "answered_ok=%d failed=%d executed_never=%d executed_once=%d executed_twice=%d "
                                + "executed_more=%d killed_executions=%d survivor_executions=%d "
                                + "calls_retried_after_timeout=%d late_replies=%d max_call_ms=%d "
                                + "last_answer_after_kill_ms=%d%n",
                        CALLS, RATE_PER_SECOND, KILL_AFTER, CALLS - failed, failed, never, byCount[1], byCount[2],
                        byCount[3], killedLines.size(), survivorLines.size(), load.answeredAfterMs(2000),
                        caller.lateReplies(), load.maxLatencyMs(), load.lastAnswerAfterKillMs());

                assertThat(failed).as("every call answered with success").isZero();
                for (int i = 0; i < CALLS; i++) {
                    assertThat(calls.get(i).join()).as("call %d answered with its own output", i)
                            .isEqualTo(Map.of("call", "c-" + i));
                }
                assertThat(never).as("no call lost: each executed at least once").isZero();
                assertThat(survivorLines).as("the survivor took over").isNotEmpty();
                b.destroy();
                assertThat(b.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    /** The calls of the load phase and when each was sent and answered. */
    private static final class Load {
        final List<CompletableFuture<Object>> calls = new CopyOnWriteArrayList<>();
        final long[] sentAt = new long[CALLS];
        final long[] answeredAt = new long[CALLS];
        long killedAt;

        void awaitAnswers() throws Exception {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
                    .get(90, TimeUnit.SECONDS);
        }

        long latencyMs(int i) {
            return TimeUnit.NANOSECONDS.toMillis(answeredAt[i] - sentAt[i]);
        }

        int answeredAfterMs(long ms) {
            return (int) java.util.stream.IntStream.range(0, CALLS).filter(i -> latencyMs(i) >= ms).count();
        }

        long maxLatencyMs() {
            return java.util.stream.IntStream.range(0, CALLS).mapToLong(this::latencyMs).max().orElse(0);
        }

        long lastAnswerAfterKillMs() {
            return TimeUnit.NANOSECONDS.toMillis(java.util.Arrays.stream(answeredAt).max().orElse(0) - killedAt);
        }
    }

    /** Issues the calls at the steady rate and kills {@code victim} with SIGKILL once {@link #KILL_AFTER} are out. */
    private static Load callsKillingAfter(OnexRuntime caller, Process victim) {
        Load load = new Load();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        try {
            AtomicInteger next = new AtomicInteger();
            pace.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i >= CALLS) {
                    return;
                }
                load.sentAt[i] = System.nanoTime();
                // the list holds the stage after the timing, so that a completed call has its time written
                load.calls.add(caller.call("recording_compute", Map.of("call", "c-" + i)).toCompletableFuture()
                        .whenComplete((v, e) -> load.answeredAt[i] = System.nanoTime()));
            }, 0, 1000 / RATE_PER_SECOND, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> load.calls.size() >= KILL_AFTER);
            victim.destroyForcibly(); // SIGKILL: no leave-group, no reply or commit of what it had taken
            load.killedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.calls.size() == CALLS);
        } finally {
            pace.shutdown();
        }
        return load;
    }

    /** How many calls ran never, once, twice, more, counting the executions in the members' files. */
    private static int[] executionsPerCall(List<String> killed, List<String> survivor) {
        Map<String, Integer> executions = new HashMap<>();
        killed.forEach(line -> executions.merge(line, 1, Integer::sum));
        survivor.forEach(line -> executions.merge(line, 1, Integer::sum));
        int[] byCount = new int[4];
        for (int i = 0; i < CALLS; i++) {
            byCount[Math.min(3, executions.getOrDefault("c-" + i, 0))]++;
        }
        return byCount;
    }

    private Process startMember(String bootstrap, String tenant, String instance, Path executions, Path dir)
            throws IOException {
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = List.of(javaBin, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                classpath, ServingMember.class.getName(), bootstrap, tenant, instance, executions.toString());
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve(instance + ".err").toFile()).start();
        members.add(p);
        Thread reader = new Thread(() -> drain(p), "member-" + instance + "-stdout");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private static void drain(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            while (r.readLine() != null) {
                // only drained, so that the member never blocks on a full pipe
            }
        } catch (IOException e) {
            // the member died
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("warm-")).toList() : List.of();
    }
}
