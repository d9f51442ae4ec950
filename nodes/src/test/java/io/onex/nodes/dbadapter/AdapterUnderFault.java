package io.onex.nodes.dbadapter;

import static org.awaitility.Awaitility.await;

import io.onex.api.EventEnvelope;
import io.onex.api.topic.BridgeTopics;
import io.onex.nodes.faults.ChildJvm;
import io.onex.nodes.faults.GroupProgress;
import io.onex.nodes.faults.ServedRuntime;
import io.onex.nodes.faults.TopicReadBack;
import io.onex.runtime.config.RuntimeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One fault scenario's database adapter: its own tenant (topics), consumer group and PostgreSQL schema; instances
 * started with {@code onex serve} in JVMs of their own; events written by a plain {@link KafkaProducer}; and the
 * read-back that the scenario's figures come from (the tables by JDBC, the DLQ topics by a plain consumer).
 *
 * <p>Each good event is an {@code AGGREGATION_COMPLETED} of one workflow: the adapter records it in
 * {@code event_ledger} and adds 1 to its bridge's {@code total_workflows_processed}, in one transaction. So the
 * ledger says which events arrived, and the sum of the totals how often they were applied: an event applied twice
 * shows as a sum above the ledger's count.
 */
final class AdapterUnderFault implements AutoCloseable {

    private static final int BRIDGES = 8;

    private final String bootstrap;
    private final String schema = TestDatabases.uniqueSchema("faults");
    private final String group = "faults_" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> env = new HashMap<>();
    private final RuntimeConfig config;
    private final Path contract;
    private final KafkaProducer<byte[], byte[]> producer;
    private final BridgeEvents events = new BridgeEvents();
    private final Set<String> sent = new HashSet<>();
    private final Set<String> poisonSent = new HashSet<>();
    private final List<ChildJvm> instances = new ArrayList<>();

    AdapterUnderFault(String bootstrap, String databaseUrl) throws Exception {
        this.bootstrap = bootstrap;
        env.putAll(Map.of("ONEX_TENANT", group, "ONEX_CREATE_TOPICS", "true", "DB_ADAPTER_SCHEMA", schema,
                "DB_ADAPTER_BATCH_SIZE", "200", "DB_ADAPTER_BATCH_LINGER", "100ms", "DB_ADAPTER_BREAKER_WAIT", "1s",
                "DB_ADAPTER_CONNECTION_TIMEOUT", "1s", "ONEX_DATABASE_URL", databaseUrl));
        config = RuntimeConfig.fromEnvironment(env);
        // the shipped contract, in a consumer group of this scenario's own
        String shipped = Files.readString(Path.of("../contracts/bridge_database_adapter.yaml"));
        contract = Files.createTempDirectory("faults-contract").resolve("bridge_database_adapter.yaml");
        Files.writeString(contract, shipped.replace("group_id: database_adapter_consumers", "group_id: " + group));
        // the input topics exist with their leaders before anything is written (no reliance on auto-creation)
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<String> topics = List.of(config.resolveTopic(BridgeTopics.AGGREGATION_COMPLETED),
                    config.resolveTopic(BridgeTopics.FSM_STATE_TRANSITIONED));
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList()).all()
                    .get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeTopics(topics).allTopicNames()
                    .get().values().stream().allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null)));
        }
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", 5),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Starts an instance ({@code ONEX_INSTANCE_ID}: a static group member, so a restart takes its place). */
    ChildJvm startInstance(String instanceId) throws Exception {
        Map<String, String> e = new HashMap<>(env);
        e.put("ONEX_INSTANCE_ID", instanceId);
        ChildJvm jvm = ServedRuntime.start("adapter-" + instanceId, contract, bootstrap, e);
        instances.add(jvm);
        return jvm;
    }

    /** Writes {@code good} events, and a poison record after every {@code poisonEvery}-th (0: none); waits for acks. */
    void send(int good, int poisonEvery) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        String aggregations = config.resolveTopic(BridgeTopics.AGGREGATION_COMPLETED);
        String transitions = config.resolveTopic(BridgeTopics.FSM_STATE_TRANSITIONED);
        for (int i = 0; i < good; i++) {
            EventEnvelope e = events.aggregationCompleted("bridge-" + (i % BRIDGES), 1, 1, 100);
            sent.add(e.eventId());
            acks.add(producer.send(new ProducerRecord<>(aggregations, key(e.eventId()), BridgeEvents.CODEC.encode(e))));
            if (poisonEvery > 0 && i % poisonEvery == poisonEvery - 1) {
                String id = "poison-" + UUID.randomUUID();
                poisonSent.add(id);
                // alternately: bytes that are no envelope, and an FSM event without its to_state
                byte[] value = poisonSent.size() % 2 == 0 ? "not json".getBytes(StandardCharsets.UTF_8)
                        : BridgeEvents.CODEC.encode(events.fsm(
                                io.onex.api.bridge.ReducerEventFields.FSM_STATE_TRANSITIONED, "w", "a", null, "x"));
                acks.add(producer.send(new ProducerRecord<>(poisonSent.size() % 2 == 0 ? aggregations : transitions,
                        key(id), value)));
            }
        }
        for (Future<RecordMetadata> f : acks) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    int sentCount() {
        return sent.size();
    }

    int poisonCount() {
        return poisonSent.size();
    }

    /** The sent events found in the ledger (0 before the adapter created its tables). */
    int found() throws SQLException {
        Set<String> ledger = new HashSet<>(column("SELECT event_id FROM " + schema + ".event_ledger"));
        ledger.retainAll(sent);
        return ledger.size();
    }

    /** How many times events were applied: the sum of the bridges' totals. */
    long applied() throws SQLException {
        List<String> sum = column("SELECT COALESCE(SUM(total_workflows_processed), 0) FROM " + schema
                + ".bridge_states");
        return sum.isEmpty() ? 0 : Long.parseLong(sum.get(0));
    }

    /** The first column of a query's rows (none while the adapter has not created its tables). */
    private List<String> column(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(TestDatabases.POSTGRES_URL); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(sql)) { // fixed SQL on the generated schema name
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            } catch (SQLException e) {
                if ("42P01".equals(e.getSQLState())) {
                    return out; // the adapter has not created its tables yet
                }
                throw e;
            }
        }
        return out;
    }

    /** How often each poison record sent was dead-lettered (read back from the DLQ topics). */
    Map<String, Long> deadLettered() {
        Map<String, Long> byKey = TopicReadBack.countByKey(TopicReadBack.readAll(bootstrap, "read_uncommitted",
                List.of(config.resolveTopic(BridgeTopics.AGGREGATION_COMPLETED) + ".dlq",
                        config.resolveTopic(BridgeTopics.FSM_STATE_TRANSITIONED) + ".dlq")));
        Map<String, Long> out = new HashMap<>();
        byKey.forEach((k, n) -> {
            if (poisonSent.contains(k) || sent.contains(k)) {
                out.put(k, n);
            }
        });
        return out;
    }

    Set<String> poisonSent() {
        return Set.copyOf(poisonSent);
    }

    /** Whether the group committed every input record (so nothing more is coming). */
    boolean caughtUp() throws Exception {
        return GroupProgress.caughtUp(bootstrap, group, List.of(config.resolveTopic(BridgeTopics.AGGREGATION_COMPLETED),
                config.resolveTopic(BridgeTopics.FSM_STATE_TRANSITIONED)));
    }

    @Override
    public void close() throws Exception {
        for (ChildJvm jvm : instances) {
            jvm.close();
        }
        producer.close();
        TestDatabases.dropSchema(schema);
        Files.delete(contract);
        Files.delete(contract.getParent());
    }
}
