package io.onex.nodes.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.contract.NodeContract;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.TopicName;
import io.onex.nodes.dbadapter.NodeBridgeDatabaseAdapterEffect;
import io.onex.nodes.orchestrator.StampClient;
import io.onex.nodes.orchestrator.StampResult;
import io.onex.nodes.reducer.NamespaceTotals;
import io.onex.nodes.reducer.NodeBridgeReducer;
import io.onex.nodes.registry.NodeBridgeRegistry;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.directory.NodeEntry;
import io.onex.runtime.directory.NodeStatus;
import io.onex.runtime.testing.SharedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every bridge node in one runtime on the embedded broker and the real PostgreSQL, fed by real stamping runs:
 * orchestrator → reducer → database adapter, watched by the registry. This is the wire-contract test with the real
 * producers: whatever one node writes, its consumers decode (no record reaches any dead-letter topic), and what
 * they make of it adds up.
 */
class BridgeEndToEndIT {
    private static final String POSTGRES_URL = System.getenv().getOrDefault("ONEX_TEST_DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String schema = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"); // generated name
        }
    }

    @Test
    void stampedFilesAreAggregatedPersistedAndEveryNodeIsKnownWithNothingDeadLettered() throws Exception {
        String tenant = "it_e2e_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new HashMap<>(Map.of("ONEX_TENANT", tenant, "ONEX_CREATE_TOPICS", "true",
                "BRIDGE_REDUCER_WINDOW_TIME", "1s", "ONEX_DATABASE_URL", POSTGRES_URL, "DB_ADAPTER_SCHEMA", schema,
                "DB_ADAPTER_BATCH_LINGER", "200ms", "AGENT_LOG_SCHEMA", schema));
        List<NodeContract> contracts = new ContractLoader(env).loadAll(Path.of("../contracts")).stream()
                .map(c -> c.toBuilder().heartbeatInterval(Duration.ofSeconds(1)).build())
                .toList();
        List<Path> files = new ArrayList<>();
        Map<String, Long> perNamespace = new HashMap<>();
        for (String folder : List.of("../contracts", "../workflows")) {
            try (Stream<Path> s = Files.list(Path.of(folder))) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        files.forEach(f -> perNamespace.merge(f.getParent().getFileName().toString(), 1L, Long::sum));

        try (OnexRuntime runtime = OnexRuntime.builder().contracts(contracts).environment(env)
                .bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start()) {
            StampClient client = StampClient.of(runtime);
            List<StampResult> stamps = files.stream()
                    .map(f -> client.stampFile(f, f.getParent().getFileName().toString()).toCompletableFuture())
                    .toList().stream().map(CompletableFuture::join).toList();
            assertThat(stamps).allMatch(StampResult::completed);

            NodeBridgeReducer reducer = runtime.node("bridge_reducer", NodeBridgeReducer.class);
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, NamespaceTotals> totals = reducer.totals();
                assertThat(totals.keySet()).containsExactlyInAnyOrderElementsOf(perNamespace.keySet());
                perNamespace.forEach((ns, n) -> {
                    assertThat(totals.get(ns).totalStamps()).as("stamps of " + ns).isEqualTo(n);
                    assertThat(totals.get(ns).workflowsCompleted()).as("workflows of " + ns).isEqualTo(n);
                });
            });

            NodeBridgeDatabaseAdapterEffect adapter =
                    runtime.node("bridge_database_adapter", NodeBridgeDatabaseAdapterEffect.class);
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(adapter.database().rowCounts()).containsEntry("metadata_stamps", (long) files.size())
                        .containsEntry("bridge_states", (long) perNamespace.size());
                assertThat(query(adapter, "SELECT count(*) FROM workflow_executions WHERE current_state = 'completed'"
                        + " AND namespace IS NOT NULL")).isEqualTo(String.valueOf(files.size()));
                assertThat(query(adapter, "SELECT sum(total_items_aggregated) FROM bridge_states"))
                        .isEqualTo(String.valueOf(files.size()));
            });
            assertThat(query(adapter, "SELECT count(DISTINCT file_hash) FROM metadata_stamps"))
                    .isEqualTo(String.valueOf(stamps.stream().map(StampResult::fileHash).distinct().count()));

            NodeBridgeRegistry registry = runtime.node("bridge_registry", NodeBridgeRegistry.class);
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(registry.directory().all())
                    .filteredOn(e -> e.status() == NodeStatus.ACTIVE && e.lastHeartbeat().isPresent())
                    .extracting(NodeEntry::nodeName)
                    .containsExactlyInAnyOrderElementsOf(contracts.stream().map(NodeContract::name).toList()));

            assertThat(deadLettered(tenant)).as("records in the bridge topics' dead-letter topics").isEmpty();
        }
    }

    private static String query(NodeBridgeDatabaseAdapterEffect adapter, String sql) throws Exception {
        try (Connection c = adapter.database().dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            String v = rs.getString(1);
            c.rollback();
            return v;
        }
    }

    /** Records per dead-letter topic of every bridge topic of this tenant, where there are any. */
    private static Map<String, Long> deadLettered(String tenant) throws Exception {
        List<String> topics = Stream.of(BridgeTopics.ORCHESTRATOR_EVENTS, BridgeTopics.REDUCER_EVENTS,
                        BridgeTopics.REGISTRY_EVENTS).flatMap(List::stream)
                .map(t -> TopicName.deadLetterOf(TopicName.resolve(t, "dev", tenant))).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()))) {
            var existing = admin.listTopics().names().get();
            Map<TopicPartition, OffsetSpec> ends = topics.stream().filter(existing::contains)
                    .collect(Collectors.toMap(t -> new TopicPartition(t, 0), t -> OffsetSpec.latest()));
            return admin.listOffsets(ends).all().get().entrySet().stream().filter(e -> e.getValue().offset() > 0)
                    .collect(Collectors.toMap(e -> e.getKey().topic(), e -> e.getValue().offset()));
        }
    }
}
