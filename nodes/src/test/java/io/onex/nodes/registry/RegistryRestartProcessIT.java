package io.onex.nodes.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onex.kafka.embedded.EmbeddedKafkaBroker;
import io.onex.nodes.faults.ChildJvm;
import io.onex.nodes.faults.FaultFigures;
import io.onex.nodes.faults.ServedRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry killed with {@code kill -9} and started again while three nodes run in another {@code onex serve}
 * JVM: the restarted registry resumes its group after the introspections it had read, so it must rebuild its table
 * from the answers to its startup request, well before the nodes' next heartbeat (30 s).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RegistryRestartProcessIT {

    private static final List<String> NODES = List.of("blake3_hash_compute", "kafka_event_effect",
            "text_statistics_compute");
    /** Under the nodes' heartbeat interval (30 s): the table comes back from the startup request, not a heartbeat. */
    private static final Duration REBUILT_WITHIN = Duration.ofSeconds(20);
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static ChildJvm registry(String tenant) throws Exception {
        return ChildJvm.startAndAwait("registry", RegistryMember.class.getName(),
                List.of(broker.bootstrapServers(), tenant, "reg1"), Map.of(), "STARTED", Duration.ofSeconds(90));
    }

    private static List<String> table(ChildJvm registry) {
        List<String> tables = registry.lines("TABLE");
        return tables.isEmpty() ? List.of() : RegistryMember.nodeIds(tables.get(tables.size() - 1));
    }

    @Test
    void aRegistryRestartedAfterKill9RebuildsItsTableFromTheAnswersToItsStartupRequest(@TempDir Path contracts)
            throws Exception {
        String tenant = "faults_reg_" + UUID.randomUUID().toString().substring(0, 8);
        for (String n : NODES) {
            Files.copy(Path.of("../contracts", n + ".yaml"), contracts.resolve(n + ".yaml"));
        }
        // node ids: the contract name in kebab case, then the instance id
        List<String> expected = NODES.stream().map(n -> n.replace('_', '-') + "-n1").toList();
        try (ChildJvm first = registry(tenant);
                ChildJvm nodes = ServedRuntime.start("registry-nodes", contracts, broker.bootstrapServers(),
                        Map.of("ONEX_TENANT", tenant, "ONEX_CREATE_TOPICS", "true", "ONEX_INSTANCE_ID", "n1"))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(table(first)).as("%s", first)
                    .containsAll(expected));
            first.kill9();
            long killedAt = System.nanoTime();

            try (ChildJvm second = registry(tenant)) {
                long startedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
                await().atMost(REBUILT_WITHIN).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                        assertThat(table(second)).as("%s", second).containsAll(expected));
                long rebuiltMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
                List<String> rebuilt = table(second);
                long found = expected.stream().filter(rebuilt::contains).count();
                FaultFigures.of("registry-kill9").put("sent", expected.size()).put("found", found)
                        .put("lost", expected.size() - found)
                        .put("duplicated", rebuilt.stream().filter(id -> !expected.contains(id)
                                && !id.startsWith("bridge-registry-")).count())
                        .put("registry_started_ms", startedMs).put("recovery_ms", rebuiltMs).print();
                assertThat(rebuilt).as("no node twice (under another id)").doesNotHaveDuplicates()
                        .filteredOn(id -> !id.startsWith("bridge-registry-")).containsExactlyInAnyOrderElementsOf(
                                expected);
            }
        }
    }
}
