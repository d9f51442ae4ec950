package io.onex.nodes.dbadapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.contract.NodeContract;
import io.onex.api.topic.BridgeTopics;
import io.onex.nodes.seed.PythonServiceEvents;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.testing.SharedKafka;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter in a runtime on the embedded broker, writing to the real PostgreSQL (a schema of its own): poison
 * records go to the DLQ while the rest is persisted, and a database outage mid-stream commits no offset until the
 * database is back, after which every event is persisted exactly once.
 */
class NodeBridgeDatabaseAdapterIT {

    private static final String NODE = "bridge_database_adapter";
    private static final String GROUP = "database_adapter_consumers";

    private final BridgeEvents events = new BridgeEvents();
    private String schema;
    private Map<String, String> env;

    @BeforeEach
    void environment() {
        schema = TestDatabases.uniqueSchema("it_node");
        env = new HashMap<>(Map.of("ONEX_TENANT", "it_db_" + UUID.randomUUID().toString().substring(0, 8),
                "ONEX_CREATE_TOPICS", "true", "DB_ADAPTER_SCHEMA", schema, "DB_ADAPTER_BATCH_LINGER", "200ms",
                "DB_ADAPTER_BREAKER_WAIT", "1s", "DB_ADAPTER_CONNECTION_TIMEOUT", "1s",
                "ONEX_DATABASE_URL", TestDatabases.POSTGRES_URL));
    }

    @AfterEach
    void dropSchema() throws Exception {
        TestDatabases.dropSchema(schema);
    }

    private OnexRuntime start() throws Exception {
        NodeContract contract = new ContractLoader(env).load(Path.of("../contracts/bridge_database_adapter.yaml"));
        return OnexRuntime.builder().contracts(List.of(contract)).environment(env)
                .bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start();
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheRestIsPersisted() throws Exception {
        try (OnexRuntime runtime = start(); KafkaProducer<byte[], byte[]> producer = producer(runtime)) {
            List<EventEnvelope> run = events.workflowRun(false);
            String corr = run.get(0).correlationId();
            // violates workflow_executions.correlation_id's unique constraint: the database refuses it
            List<EventEnvelope> other = events.workflowRun(false);
            EventEnvelope clash = BridgeEvents.wire(new EventEnvelope(UUID.randomUUID().toString(),
                    WorkflowEventFields.STAMP_WORKFLOW_STARTED, corr, null, other.get(0).timestamp(), "1.0.0",
                    other.get(0).source(), Map.of(), other.get(0).payload(), Map.of()));
            // the mapper refuses it
            EventEnvelope badStep = events.raw(WorkflowEventFields.WORKFLOW_STEP_COMPLETED,
                    Map.of(WorkflowEventFields.WORKFLOW_ID, "nope", WorkflowEventFields.STEP_NAME, "x"));
            for (EventEnvelope e : run) {
                send(producer, runtime, e);
            }
            send(producer, runtime, clash);
            send(producer, runtime, badStep);
            String undecodableTopic = runtime.config().resolveTopic(BridgeTopics.STAMP_WORKFLOW_COMPLETED);
            producer.send(new ProducerRecord<>(undecodableTopic, "k".getBytes(StandardCharsets.UTF_8),
                    "not json".getBytes(StandardCharsets.UTF_8))).get();

            AdapterDatabase db = runtime.node(NODE, NodeBridgeDatabaseAdapterEffect.class).database();
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(db.rowCounts())
                    .containsEntry("workflow_executions", 1L).containsEntry("workflow_steps", 2L)
                    .containsEntry("fsm_transitions", 2L));
            List<ConsumerRecord<byte[], byte[]>> dead = readAll(runtime, List.of(
                    runtime.config().resolveTopic(BridgeTopics.STAMP_WORKFLOW_STARTED) + ".dlq",
                    runtime.config().resolveTopic(BridgeTopics.WORKFLOW_STEP_COMPLETED) + ".dlq",
                    undecodableTopic + ".dlq"), 3);
            String all = dead.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("\n"));
            assertThat(all).contains(clash.eventId()).contains("cannot be written to workflow_executions")
                    .contains("payload.workflow_id is 'nope': expected a UUID").contains("original_value_base64");
            assertThat(TestDatabases.value(db, "SELECT current_state FROM workflow_executions"))
                    .isEqualTo("completed");
        }
    }

    @Test
    void eventsWrittenAsThePythonServicesWriteThemArePersistedWithNothingDeadLettered() throws Exception {
        PythonServiceEvents python = new PythonServiceEvents();
        List<PythonServiceEvents.Sent> records = List.of(python.workflowStarted(), python.stepCompleted("hash"),
                python.hashGenerated(), python.intelligenceRequested(), python.intelligenceReceived(),
                python.stampCreated(), python.stateTransition(), python.workflowCompleted(), python.fsmInitialized(),
                python.fsmTransitioned(), python.aggregationStarted(), python.batchProcessed(), python.statePersisted(),
                python.aggregationCompleted());
        try (OnexRuntime runtime = start(); KafkaProducer<byte[], byte[]> producer = producer(runtime);
                Admin admin = Admin.create(KafkaClientProperties.admin(runtime.config().kafkaClientProperties()))) {
            List<String> topics = records.stream().map(r -> runtime.config().resolveTopic(r.topic())).distinct()
                    .toList();
            for (PythonServiceEvents.Sent r : records) {
                producer.send(new ProducerRecord<>(runtime.config().resolveTopic(r.topic()),
                        python.correlationId.getBytes(StandardCharsets.UTF_8), r.value())).get();
            }

            AdapterDatabase db = runtime.node(NODE, NodeBridgeDatabaseAdapterEffect.class).database();
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(committed(admin, topics)).isEqualTo(endOffsets(admin, topics)));
            assertThat(endOffsets(admin, topics.stream().map(t -> t + ".dlq").toList())).isEmpty();
            assertThat(db.rowCounts()).containsEntry("workflow_executions", 1L).containsEntry("workflow_steps", 4L)
                    .containsEntry("metadata_stamps", 1L).containsEntry("fsm_transitions", 3L)
                    .containsEntry("bridge_states", 1L);
            assertThat(TestDatabases.value(db, "SELECT current_state || ' ' || execution_time_ms FROM"
                    + " workflow_executions WHERE id = '" + python.workflowId + "'")).isEqualTo("completed 12");
            assertThat(TestDatabases.value(db, "SELECT bridge_id || ' ' || total_items_aggregated FROM bridge_states"))
                    .isEqualTo("reducer 1");
        }
    }

    @Test
    void aDatabaseOutageCommitsNothingUntilItIsBackThenEveryEventIsPersistedOnce() throws Exception {
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            env.put("ONEX_DATABASE_URL", TestDatabases.POSTGRES_URL.replace(":5432/", ":" + proxy.port() + "/"));
            try (OnexRuntime runtime = start(); KafkaProducer<byte[], byte[]> producer = producer(runtime);
                    Admin admin = Admin.create(KafkaClientProperties.admin(runtime.config().kafkaClientProperties()))) {
                AdapterDatabase db = runtime.node(NODE, NodeBridgeDatabaseAdapterEffect.class).database();
                List<String> topics = BridgeTopics.ORCHESTRATOR_EVENTS.stream().map(runtime.config()::resolveTopic)
                        .toList();
                for (int i = 0; i < 5; i++) {
                    for (EventEnvelope e : events.workflowRun(false)) {
                        send(producer, runtime, e);
                    }
                }
                Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(db.rowCounts()).containsEntry("workflow_steps", 10L);
                    assertThat(committed(admin, topics)).isEqualTo(endOffsets(admin, topics));
                });
                Map<TopicPartition, Long> before = committed(admin, topics);

                proxy.down();
                for (int i = 0; i < 20; i++) {
                    for (EventEnvelope e : events.workflowRun(false)) {
                        send(producer, runtime, e);
                    }
                }
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> runtime.invoker(NODE).breakerState().wireName().equals("open"));
                Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(committed(admin, topics)).isEqualTo(before));

                proxy.up();
                Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    assertThat(committed(admin, topics)).isEqualTo(endOffsets(admin, topics));
                    assertThat(db.rowCounts()).containsEntry("workflow_executions", 25L)
                            .containsEntry("workflow_steps", 50L).containsEntry("fsm_transitions", 50L);
                });
                assertThat(TestDatabases.value(db, "SELECT count(*) FROM workflow_executions"
                        + " WHERE current_state = 'completed'")).isEqualTo("25");
                assertThat(runtime.meterRegistry().find("onex_node_dead_lettered_total").tag("node", NODE).counter())
                        .satisfiesAnyOf(c -> assertThat(c).isNull(), c -> assertThat(c.count()).isZero());
            }
        }
    }

    @Test
    void withoutADatabaseUrlItWritesToTheEmbeddedDatabaseAndDeletesItsFileOnStop() throws Exception {
        env.remove("ONEX_DATABASE_URL");
        Path file;
        try (OnexRuntime runtime = start(); KafkaProducer<byte[], byte[]> producer = producer(runtime)) {
            AdapterDatabase db = runtime.node(NODE, NodeBridgeDatabaseAdapterEffect.class).database();
            assertThat(db.embedded()).isTrue();
            file = Path.of(db.describe().substring("embedded SQLite ".length()));
            for (EventEnvelope e : events.workflowRun(false)) {
                send(producer, runtime, e);
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(db.rowCounts())
                    .containsEntry("workflow_executions", 1L).containsEntry("workflow_steps", 2L)
                    .containsEntry("fsm_transitions", 2L));
            assertThat(file).exists();
        }
        assertThat(file).doesNotExist();
    }

    private static KafkaProducer<byte[], byte[]> producer(OnexRuntime runtime) {
        return new KafkaProducer<>(KafkaClientProperties.producer(runtime.config().kafkaClientProperties(),
                "it-db-producer", "none"));
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, OnexRuntime runtime, EventEnvelope e)
            throws Exception {
        String topic = runtime.config().resolveTopic(BridgeEventTopics.topicOf(e.eventType()));
        producer.send(new ProducerRecord<>(topic, e.correlationId().getBytes(StandardCharsets.UTF_8),
                BridgeEvents.CODEC.encode(e))).get();
    }

    /** The group's committed offsets on the partitions of {@code topics} (the node also reads heartbeats). */
    private static Map<TopicPartition, Long> committed(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> out = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null && om.offset() > 0 && topics.contains(tp.topic())) {
                out.put(tp, om.offset());
            }
        });
        return out;
    }

    /** End offsets of the partitions of {@code topics} that hold records. */
    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var d : admin.describeTopics(topics).allTopicNames().get().values()) {
            d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> {
            if (info.offset() > 0) {
                out.put(tp, info.offset());
            }
        });
        return out;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(OnexRuntime runtime, List<String> topics, int expected) {
        Map<String, Object> props = new HashMap<>(runtime.config().kafkaClientProperties());
        props.put("group.id", "it-dlq-reader-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        props.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props)) {
            c.subscribe(topics);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= expected;
            });
        }
        return out;
    }
}
