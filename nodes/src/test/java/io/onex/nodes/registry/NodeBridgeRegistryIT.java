package io.onex.nodes.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.contract.NodeType;
import io.onex.nodes.registry.NodeDirectory.Change;
import io.onex.nodes.registry.NodeDirectory.ChangeKind;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.testing.SharedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The registry on the embedded broker: another runtime's node shows up active in the registry's
 * {@link NodeDirectory} with its heartbeats, and leaves when its runtime closes (shutdown introspection).
 */
class NodeBridgeRegistryIT {

    @Test
    void anotherRuntimesNodeJoinsBeatsAndLeavesOnShutdown() throws Exception {
        Map<String, String> env = Map.of("ONEX_TENANT", "it_reg_" + UUID.randomUUID().toString().substring(0, 8),
                "ONEX_CREATE_TOPICS", "true", "BRIDGE_REGISTRY_HEARTBEAT_INTERVAL", "1s");
        ContractLoader loader = new ContractLoader(env);
        List<Change> changes = new CopyOnWriteArrayList<>();
        try (OnexRuntime registryRuntime = runtime(env, List.of(loader.load(Path.of("../contracts/bridge_registry.yaml"))))) {
            NodeDirectory directory = registryRuntime.node("bridge_registry", NodeBridgeRegistry.class).directory();
            directory.addListener(changes::add);

            String probeId;
            try (OnexRuntime probe = runtime(env,
                    List.of(loader.load(Path.of("src/test/resources/it-contracts/heartbeat_probe.yaml"))))) {
                probeId = probe.nodeId("heartbeat_probe");

                Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    List<NodeEntry> found = directory.findByName("heartbeat_probe");
                    assertThat(found).extracting(NodeEntry::nodeId).containsExactly(probeId);
                    assertThat(found.get(0).status()).isEqualTo(NodeStatus.ACTIVE);
                    assertThat(found.get(0).lastHeartbeat()).isPresent();
                });
                NodeEntry entry = directory.findByName("heartbeat_probe").get(0);
                assertThat(entry.nodeType()).isEqualTo(NodeType.COMPUTE);
                assertThat(entry.nodeVersion()).isEqualTo("2.1.0");
                assertThat(entry.introspected()).isTrue();
                assertThat(entry.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
                assertThat(directory.findByType(NodeType.COMPUTE)).extracting(NodeEntry::nodeId).contains(probeId);
            }

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(directory.all()).filteredOn(e -> e.nodeId().equals(probeId))
                            .extracting(NodeEntry::status).containsExactly(NodeStatus.OFFLINE));
            assertThat(directory.findByName("heartbeat_probe")).isEmpty();
            assertThat(changes).filteredOn(c -> c.entry().nodeId().equals(probeId)).extracting(Change::kind)
                    .containsExactly(ChangeKind.JOINED, ChangeKind.LEFT);
        }
    }

    @Test
    void aNodeWhoseRuntimeDiesTurnsSuspectThenExpiresAndReturnsWhenRestarted() throws Exception {
        Map<String, String> env = Map.of("ONEX_TENANT", "it_reg_" + UUID.randomUUID().toString().substring(0, 8),
                "ONEX_CREATE_TOPICS", "true", "BRIDGE_REGISTRY_HEARTBEAT_INTERVAL", "1s");
        // a fixed instance id: the restarted probe keeps its node id, as a restarted pod with the same name would
        Map<String, String> probeEnv = new java.util.HashMap<>(env);
        probeEnv.put("ONEX_INSTANCE_ID", "pod-a");
        ContractLoader loader = new ContractLoader(env);
        io.onex.api.contract.NodeContract probeContract =
                loader.load(Path.of("src/test/resources/it-contracts/heartbeat_probe.yaml"));
        List<Change> changes = new CopyOnWriteArrayList<>();
        try (OnexRuntime registryRuntime = runtime(env, List.of(loader.load(Path.of("../contracts/bridge_registry.yaml"))))) {
            NodeDirectory directory = registryRuntime.node("bridge_registry", NodeBridgeRegistry.class).directory();
            directory.addListener(changes::add);
            String probeId = "heartbeat-probe-pod-a";

            OnexRuntime probe = runtime(probeEnv, List.of(probeContract));
            assertThat(probe.nodeId("heartbeat_probe")).isEqualTo(probeId);
            // its first heartbeat tells the registry its 1 s interval (until then WIRE.md's 30 s default applies)
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> status(directory, probeId) == NodeStatus.ACTIVE
                    && directory.findByName("heartbeat_probe").get(0).lastHeartbeat().isPresent());

            probe.abandon(); // no shutdown introspection: to the registry the process just went silent

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status(directory, probeId) == NodeStatus.SUSPECT);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status(directory, probeId) == NodeStatus.EXPIRED);
            assertThat(directory.findByName("heartbeat_probe")).isEmpty();

            try (OnexRuntime restarted = runtime(probeEnv, List.of(probeContract))) {
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> status(directory, probeId) == NodeStatus.ACTIVE);
                assertThat(directory.findByName("heartbeat_probe")).extracting(NodeEntry::nodeId)
                        .containsExactly(probeId);
                assertThat(changes).filteredOn(c -> c.entry().nodeId().equals(probeId)).extracting(Change::kind)
                        .containsSubsequence(ChangeKind.JOINED, ChangeKind.SUSPECT, ChangeKind.EXPIRED,
                                ChangeKind.RETURNED)
                        .doesNotContain(ChangeKind.LEFT);
            }
        }
    }

    private static NodeStatus status(NodeDirectory directory, String nodeId) {
        return directory.all().stream().filter(e -> e.nodeId().equals(nodeId)).map(NodeEntry::status).findFirst()
                .orElse(null);
    }

    private static OnexRuntime runtime(Map<String, String> env, List<io.onex.api.contract.NodeContract> contracts) {
        return OnexRuntime.builder().contracts(contracts).environment(env)
                .bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start();
    }
}
