package io.onex.nodes.dbadapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onex.kafka.embedded.EmbeddedKafkaBroker;
import io.onex.nodes.faults.ChildJvm;
import io.onex.nodes.faults.FaultFigures;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The database adapter under faults, each instance an {@code onex serve} JVM of its own, its events written by a
 * plain producer and counted back from PostgreSQL and the DLQ topics (see {@link AdapterUnderFault}): {@code kill -9}
 * mid-backlog and restart, PostgreSQL cut for 10 s by a proxy the test owns, and two instances in one group with one
 * killed. Run by the {@code process} profile ({@code mvn -Pprocess ...}, see {@code .ci/run}); figures are printed as
 * {@code FAULT scenario=... key=value} lines and appended to {@code target/faults/figures.txt}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DatabaseAdapterFaultsProcessIT {

    private static final Duration DRAIN = Duration.ofSeconds(120);
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void everyEventIsAppliedOnceWhenTheAdapterIsKilledTwiceMidBacklogAndRestarted() throws Exception {
        try (AdapterUnderFault adapter = new AdapterUnderFault(broker.bootstrapServers(), TestDatabases.POSTGRES_URL)) {
            adapter.send(12_000, 100);
            int total = adapter.sentCount();
            ChildJvm instance = adapter.startInstance("a");
            long recoveryMs = 0;
            for (int kill = 1; kill <= 2; kill++) {
                int threshold = total * kill / 3;
                await().atMost(DRAIN).pollInterval(Duration.ofMillis(20)).until(() -> adapter.found() >= threshold);
                instance.kill9();
                int atKill = adapter.found();
                assertThat(atKill).as("killed mid-backlog (kill %d)", kill).isLessThan(total);
                long killedAt = System.nanoTime();
                instance = adapter.startInstance("a");
                await().atMost(DRAIN).pollInterval(Duration.ofMillis(20)).until(() -> adapter.found() > atKill);
                recoveryMs = Math.max(recoveryMs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
            }
            await().atMost(DRAIN).pollInterval(Duration.ofMillis(200)).until(adapter::caughtUp);

            int found = adapter.found();
            long applied = adapter.applied();
            Map<String, Long> dead = adapter.deadLettered();
            long deadTwice = dead.values().stream().filter(n -> n > 1).count();
            FaultFigures.of("adapter-kill9-twice").put("sent", total).put("found", found).put("lost", total - found)
                    .put("duplicated", applied - found).put("recovery_ms", recoveryMs)
                    .put("poison_sent", adapter.poisonCount()).put("poison_dead_lettered", dead.size())
                    .put("poison_dead_lettered_twice", deadTwice).print();
            assertThat(found).as("events in the ledger").isEqualTo(total);
            assertThat(applied).as("applications (sum of the bridges' totals)").isEqualTo(total);
            assertThat(missing(adapter, dead)).as("poison records never dead-lettered").isEmpty();
            assertThat(dead.keySet()).as("good events dead-lettered").isSubsetOf(adapter.poisonSent());
        }
    }

    @Test
    void nothingIsLostOrAppliedTwiceAcrossATenSecondDatabaseCutAndEachPoisonRecordIsDeadLetteredOnce()
            throws Exception {
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5432);
                AdapterUnderFault adapter = new AdapterUnderFault(broker.bootstrapServers(),
                        TestDatabases.POSTGRES_URL.replace(":5432/", ":" + proxy.port() + "/"))) {
            adapter.startInstance("a");
            adapter.send(2_000, 50);
            await().atMost(DRAIN).pollInterval(Duration.ofMillis(20)).until(() -> adapter.found() >= 500);

            proxy.down();
            long cutAt = System.nanoTime();
            adapter.send(4_000, 50);
            int duringCut = adapter.found();
            // a 10 s outage, all through which nothing more reaches the database
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(200))
                    .until(() -> adapter.found() == duringCut);
            proxy.up();
            long upAt = System.nanoTime();
            long cutMs = TimeUnit.NANOSECONDS.toMillis(upAt - cutAt);
            int total = adapter.sentCount();
            await().atMost(DRAIN).pollInterval(Duration.ofMillis(20)).until(() -> adapter.found() > duringCut);
            long recoveryMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - upAt);
            await().atMost(DRAIN).pollInterval(Duration.ofMillis(200)).until(adapter::caughtUp);

            int found = adapter.found();
            long applied = adapter.applied();
            Map<String, Long> dead = adapter.deadLettered();
            FaultFigures.of("adapter-database-cut").put("sent", total).put("found", found).put("lost", total - found)
                    .put("duplicated", applied - found).put("cut_ms", cutMs).put("recovery_ms", recoveryMs)
                    .put("poison_sent", adapter.poisonCount()).put("poison_dead_lettered", dead.size())
                    .put("poison_dead_lettered_twice", dead.values().stream().filter(n -> n > 1).count()).print();
            assertThat(found).as("events in the ledger").isEqualTo(total);
            assertThat(applied).as("applications (sum of the bridges' totals)").isEqualTo(total);
            assertThat(missing(adapter, dead)).as("poison records never dead-lettered").isEmpty();
            assertThat(dead.entrySet()).as("records dead-lettered twice, or good events dead-lettered")
                    .filteredOn(e -> e.getValue() != 1 || !adapter.poisonSent().contains(e.getKey())).isEmpty();
        }
    }

    @Test
    void nothingIsLostOrAppliedTwiceWhenOneOfTwoInstancesInTheGroupIsKilledMidStream() throws Exception {
        try (AdapterUnderFault adapter = new AdapterUnderFault(broker.bootstrapServers(), TestDatabases.POSTGRES_URL)) {
            ChildJvm killed = adapter.startInstance("a");
            adapter.startInstance("b");
            adapter.send(10_000, 0);
            int total = adapter.sentCount();
            await().atMost(DRAIN).pollInterval(Duration.ofMillis(20)).until(() -> adapter.found() >= total / 4);
            killed.kill9();
            long killedAt = System.nanoTime();
            int atKill = adapter.found();
            assertThat(atKill).as("killed mid-stream").isLessThan(total);
            await().atMost(DRAIN).pollInterval(Duration.ofMillis(200)).until(adapter::caughtUp);
            long drainedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);

            int found = adapter.found();
            long applied = adapter.applied();
            FaultFigures.of("adapter-two-instances-one-killed").put("sent", total).put("found", found)
                    .put("lost", total - found).put("duplicated", applied - found).put("found_at_kill", atKill)
                    .put("recovery_ms", drainedMs).print();
            assertThat(found).as("events in the ledger").isEqualTo(total);
            assertThat(applied).as("applications (sum of the bridges' totals)").isEqualTo(total);
        }
    }

    private static Set<String> missing(AdapterUnderFault adapter, Map<String, Long> dead) {
        Set<String> missing = new TreeSet<>(adapter.poisonSent());
        missing.removeAll(dead.keySet());
        return missing;
    }
}
