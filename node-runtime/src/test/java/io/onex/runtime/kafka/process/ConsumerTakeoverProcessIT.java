package io.onex.runtime.kafka.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onex.kafka.embedded.EmbeddedKafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several instances of one node, each in its own JVM ({@link TakeoverMember}), sharing a topic through their consumer
 * group: how fast the partitions of an instance killed with {@code kill -9}, stopped cleanly, or restarted are served
 * again. Run by the {@code process} profile ({@code mvn -Pprocess ...}, see {@code .ci/run}), not by a plain verify.
 *
 * <p>The group membership under test is the runtime's default (classic protocol, static membership, the default
 * session timeout); {@code -Donex.takeover.protocol=consumer}, {@code -Donex.takeover.static=false} and
 * {@code -Donex.takeover.sessionMs=...} measure the alternatives. Each test prints its figure as
 * {@code TAKEOVER <what> <ms>}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConsumerTakeoverProcessIT {

    private static final int PARTITIONS = 6;
    private static final int RECORDS_PER_PARTITION = 10;
    /** The issue's target: partitions of a killed instance served again within 10 s. */
    private static final Duration KILL_TAKEOVER_BOUND = Duration.ofSeconds(10);
    /** A clean stop hands over at once: a rebalance round, no session expiry. */
    private static final Duration CLEAN_STOP_BOUND = Duration.ofSeconds(4);

    private static final String PROTOCOL = System.getProperty("onex.takeover.protocol", "classic");
    private static final boolean STATIC = Boolean.parseBoolean(System.getProperty("onex.takeover.static", "true"));
    private static final int SESSION_MS = Integer.getInteger("onex.takeover.sessionMs",
            io.onex.runtime.config.RuntimeConfig.fromEnvironment(Map.of()).sessionTimeoutMs());

    private static EmbeddedKafkaBroker broker;
    private final List<Member> members = new ArrayList<>();
    private final String topic = "takeover-" + UUID.randomUUID().toString().substring(0, 8);
    private final String group = topic + "-node";

    /** Under the consumer protocol the broker owns the session timeout (45 s by default, and at least 45 s). */
    private static final Integer BROKER_SESSION_MS = Integer.getInteger("onex.takeover.brokerSessionMs");

    @BeforeAll
    static void startBroker() {
        EmbeddedKafkaBroker.Builder b = EmbeddedKafkaBroker.builder();
        if (BROKER_SESSION_MS != null) {
            b.brokerConfig("group.consumer.min.session.timeout.ms", BROKER_SESSION_MS.toString())
                    .brokerConfig("group.consumer.session.timeout.ms", BROKER_SESSION_MS.toString())
                    .brokerConfig("group.consumer.min.heartbeat.interval.ms", "500")
                    .brokerConfig("group.consumer.heartbeat.interval.ms", Integer.toString(BROKER_SESSION_MS / 5));
        }
        broker = b.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void killMembers() {
        members.forEach(m -> m.process.destroyForcibly());
    }

    /** A member JVM and what it printed. */
    private static final class Member {
        final String name;
        final Process process;
        final AtomicReference<Set<String>> owns = new AtomicReference<>(Set.of());
        final Set<String> done = ConcurrentHashMap.newKeySet();
        final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        Member(String name, Process process) {
            this.name = name;
            this.process = process;
            Thread reader = new Thread(this::read, "member-" + name + "-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    if (line.startsWith("OWNS ")) {
                        String list = line.substring(5).trim();
                        owns.set(list.isEmpty() ? Set.of() : Set.of(list.split(",")));
                    } else if (line.startsWith("DONE ")) {
                        done.add(line.substring(5).trim());
                    }
                }
            } catch (IOException e) {
                // the process died: what it printed so far stays
            }
        }

        @Override
        public String toString() {
            return name + " (last lines: " + lines.subList(Math.max(0, lines.size() - 5), lines.size()) + ")";
        }
    }

    private Member startMember(String instance, boolean hold) throws IOException {
        String javaBin = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path err = Files.createTempFile("takeover-" + instance, ".log");
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", classpath, TakeoverMember.class.getName(), broker.bootstrapServers(),
                topic, group, PROTOCOL, STATIC ? instance : "-", Integer.toString(SESSION_MS),
                hold ? "hold" : "done"));
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        Member m = new Member(instance, p);
        members.add(m);
        return m;
    }

    private void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(List.of(topic)).allTopicNames()
                    .get().get(topic).partitions().stream().allMatch(p -> p.leader() != null));
        }
    }

    private void produceToEveryPartition() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "linger.ms", 0), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
                    sent.add(producer.send(new ProducerRecord<>(topic, p, null, ("r" + i).getBytes())));
                }
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Set<String> allPartitions(String topic) {
        Set<String> all = new HashSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            all.add(topic + "-" + p);
        }
        return all;
    }

    private static Set<String> allRecords(String topic) {
        Set<String> all = new HashSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            for (int o = 0; o < RECORDS_PER_PARTITION; o++) {
                all.add(topic + "-" + p + "@" + o);
            }
        }
        return all;
    }

    /** Waits until the members split the partitions between them, each owning some. */
    private void awaitSplit(Member... ms) {
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            Set<String> union = new HashSet<>();
            int total = 0;
            for (Member m : ms) {
                assertThat(m.owns.get()).as("%s owns some partitions", m).isNotEmpty();
                union.addAll(m.owns.get());
                total += m.owns.get().size();
            }
            assertThat(union).isEqualTo(allPartitions(topic));
            assertThat(total).as("no partition owned twice").isEqualTo(PARTITIONS);
        });
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private String setup() {
        return "protocol=" + PROTOCOL + " static=" + STATIC + " session=" + (PROTOCOL.equals("classic")
                ? SESSION_MS + "ms" : "broker " + (BROKER_SESSION_MS == null ? "default" : BROKER_SESSION_MS + "ms"));
    }

    @Test
    void partitionsOfAKilledInstanceAreServedAgainByTheOthersAndItsUnfinishedRecordsRedelivered() throws Exception {
        createTopic();
        Member killed = startMember("a", true);
        Member survivor = startMember("b", false);
        awaitSplit(killed, survivor);
        Set<String> killedOwned = Set.copyOf(killed.owns.get());
        produceToEveryPartition();
        await().atMost(Duration.ofSeconds(30)).until(() -> survivor.done.size()
                == (PARTITIONS - killedOwned.size()) * RECORDS_PER_PARTITION);

        long killedAt = System.nanoTime();
        killed.process.destroyForcibly(); // SIGKILL: no leave-group, no commit of its in-flight records
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> survivor.owns.get().equals(allPartitions(topic)));
        long ownedAfter = millisSince(killedAt);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> survivor.done.containsAll(allRecords(topic)));
        long servedAfter = millisSince(killedAt);

        System.out.printf("TAKEOVER kill-9 %s: partitions owned after %d ms, unfinished records done after %d ms%n",
                setup(), ownedAfter, servedAfter);
        assertThat(Duration.ofMillis(servedAfter)).as("killed instance's partitions served again")
                .isLessThan(KILL_TAKEOVER_BOUND);
    }

    @Test
    void aCleanStopHandsThePartitionsOverAtOnce() throws Exception {
        createTopic();
        Member stopped = startMember("a", false);
        Member survivor = startMember("b", false);
        awaitSplit(stopped, survivor);

        long stoppedAt = System.nanoTime();
        stopped.process.destroy(); // SIGTERM: the shutdown hook closes the loop
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> survivor.owns.get().equals(allPartitions(topic)));
        long ownedAfter = millisSince(stoppedAt);

        System.out.printf("TAKEOVER clean-stop %s: partitions owned after %d ms%n", setup(), ownedAfter);
        assertThat(stopped.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofMillis(ownedAfter)).as("handed over on a clean stop").isLessThan(CLEAN_STOP_BOUND);
    }

    @Test
    void aNewInstanceTakesOverAShareOfThePartitions() throws Exception {
        createTopic();
        Member first = startMember("a", false);
        await().atMost(Duration.ofSeconds(45)).until(() -> first.owns.get().equals(allPartitions(topic)));

        Member second = startMember("b", false);
        awaitSplit(first, second);
        produceToEveryPartition();

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Set<String> done = new HashSet<>(first.done);
            done.addAll(second.done);
            return done.containsAll(allRecords(topic));
        });
        assertThat(second.done).as("the new instance serves its share").isNotEmpty();
        System.out.println("TAKEOVER scale-out " + setup() + ": split " + first.owns.get().size() + "/"
                + second.owns.get().size() + " " + Arrays.toString(new int[] {first.done.size(), second.done.size()}));
    }

    @Test
    void anInstanceRestartedAfterKill9UnderItsIdIsServingAgainWithinTheBound() throws Exception {
        createTopic();
        Member killed = startMember("a", false);
        Member other = startMember("b", false);
        awaitSplit(killed, other);

        long killedAt = System.nanoTime();
        killed.process.destroyForcibly();
        killed.process.waitFor(10, TimeUnit.SECONDS);
        Member restarted = startMember("a", false);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
            Set<String> union = new HashSet<>(restarted.owns.get());
            union.addAll(other.owns.get());
            assertThat(union).isEqualTo(allPartitions(topic));
        });
        long servedAfter = millisSince(killedAt);
        produceToEveryPartition();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Set<String> done = new HashSet<>(restarted.done);
            done.addAll(other.done);
            return done.containsAll(allRecords(topic));
        });

        System.out.printf("TAKEOVER kill-9-restart %s: every partition owned again after %d ms (restarted owns %d)%n",
                setup(), servedAfter, restarted.owns.get().size());
        assertThat(Duration.ofMillis(servedAfter)).as("every partition owned again, JVM start included")
                .isLessThan(KILL_TAKEOVER_BOUND);
    }
}
