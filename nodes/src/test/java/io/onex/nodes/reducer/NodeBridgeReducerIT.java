package io.onex.nodes.reducer;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.OutboundEvent;
import io.onex.api.bridge.ReducerEventFields;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.TopicName;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.KafkaEventPublisher;
import io.onex.runtime.testing.SharedKafka;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The reducer in an {@link OnexRuntime} on the embedded broker, fed stamp events written the way the orchestrator
 * writes them (through {@link KafkaEventPublisher}, with {@link StampEventFields}), read back with a plain consumer.
 */
class NodeBridgeReducerIT {

    private static final Path CONTRACT = Path.of("../contracts/bridge_reducer.yaml");

    @Test
    void stampsComeBackAsPerNamespaceAggregatesAndEveryOffsetIsCommittedOnceItsWindowIsOut() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "it_red_" + suffix;
        String group = "bridge_reducer_it_" + suffix;
        Map<String, String> env = Map.of("ONEX_TENANT", tenant, "ONEX_CREATE_TOPICS", "true",
                "BRIDGE_REDUCER_GROUP", group, "BRIDGE_REDUCER_WINDOW_SIZE", "10",
                "BRIDGE_REDUCER_WINDOW_TIME", "1s", "BRIDGE_REDUCER_TIMEOUT", "10s");
        try (OnexRuntime runtime = runtime(env); Orchestrator orchestrator = new Orchestrator(tenant);
                TopicReader completed = new TopicReader(resolve(tenant, BridgeTopics.AGGREGATION_COMPLETED))) {
            NodeBridgeReducer reducer = runtime.node("bridge_reducer", NodeBridgeReducer.class);
            List<String> docsWorkflows = new ArrayList<>();
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                String workflowId = UUID.randomUUID().toString();
                docsWorkflows.add(workflowId);
                sent.add(orchestrator.stamp("docs", 100, i % 2 == 0 ? "md" : "yaml", workflowId));
            }
            for (int i = 0; i < 10; i++) {
                sent.add(orchestrator.stamp("code", 7, "java", UUID.randomUUID().toString()));
            }
            CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).join();

            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, Long> stamps = sum(completed.poll(), ReducerEventFields.TOTAL_STAMPS);
                assertThat(stamps).containsEntry("docs", 15L).containsEntry("code", 10L);
            });
            List<EventEnvelope> windows = completed.all();
            assertThat(sum(windows, ReducerEventFields.TOTAL_SIZE_BYTES)).containsEntry("docs", 1500L)
                    .containsEntry("code", 70L);
            assertThat(windows).allSatisfy(w -> assertThat(((Number) w.payload()
                    .get(ReducerEventFields.ITEMS_PROCESSED)).intValue()).isBetween(1, 10));

            // the workflows end after their stamps were counted: attributed to the stamps' namespace
            orchestrator.workflowCompleted(docsWorkflows.get(0)).join();
            orchestrator.workflowCompleted(docsWorkflows.get(1)).join();
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(sum(completed.poll(), ReducerEventFields.WORKFLOWS_COMPLETED)).containsEntry("docs", 2L));

            // the totals are merged once the reducer has the acknowledgement, which may come after a reader saw it
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> reducer.totals().get("docs").workflowsCompleted() == 2);
            Map<String, NamespaceTotals> totals = reducer.totals();
            assertThat(totals.get("docs").totalStamps()).isEqualTo(15);
            assertThat(totals.get("docs").totalSizeBytes()).isEqualTo(1500);
            assertThat(totals.get("docs").fileTypes()).containsExactly("md", "yaml");
            assertThat(totals.get("docs").workflowsCompleted()).isEqualTo(2);
            assertThat(totals.get("code").totalStamps()).isEqualTo(10);
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(committed(group, resolve(tenant, BridgeTopics.METADATA_STAMP_CREATED))).isEqualTo(25);
                assertThat(committed(group, resolve(tenant, BridgeTopics.STAMP_WORKFLOW_COMPLETED))).isEqualTo(2);
            });
        }
    }

    @Test
    void aWindowStillOpenWhenTheRuntimeClosesIsNotCommittedAndIsCountedOnceAfterTheRestart() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "it_red_" + suffix;
        String group = "bridge_reducer_it_" + suffix;
        String stampTopic = resolve(tenant, BridgeTopics.METADATA_STAMP_CREATED);
        Map<String, String> env = Map.of("ONEX_TENANT", tenant, "ONEX_CREATE_TOPICS", "true",
                "BRIDGE_REDUCER_GROUP", group, "BRIDGE_REDUCER_WINDOW_SIZE", "10",
                "BRIDGE_REDUCER_WINDOW_TIME", "60s", "BRIDGE_REDUCER_TIMEOUT", "90s");
        try (Orchestrator orchestrator = new Orchestrator(tenant);
                TopicReader completed = new TopicReader(resolve(tenant, BridgeTopics.AGGREGATION_COMPLETED));
                TopicReader failed = new TopicReader(resolve(tenant, BridgeTopics.AGGREGATION_FAILED))) {
            try (OnexRuntime first = runtime(env)) {
                NodeBridgeReducer reducer = first.node("bridge_reducer", NodeBridgeReducer.class);
                for (int i = 0; i < 4; i++) {
                    orchestrator.stamp("docs", 100, "md", UUID.randomUUID().toString()).join();
                }
                Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(reducer.openWindowItems()).containsEntry("docs", 4));
                assertThat(committed(group, stampTopic)).isZero();
            } // the consumer gives up waiting for the window, commits nothing; the node discards the window

            assertThat(committed(group, stampTopic)).as("nothing of the open window was committed").isZero();
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(failed.poll()).singleElement().satisfies(e ->
                            assertThat(e.payload()).containsEntry(ReducerEventFields.ITEMS_PROCESSED, 4)));

            try (OnexRuntime second = runtime(env)) {
                NodeBridgeReducer reducer = second.node("bridge_reducer", NodeBridgeReducer.class);
                Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(reducer.openWindowItems()).as("replayed").containsEntry("docs", 4));
                for (int i = 0; i < 6; i++) {
                    orchestrator.stamp("docs", 100, "md", UUID.randomUUID().toString()).join();
                }
                Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(completed.poll()).singleElement().satisfies(e -> assertThat(e.payload())
                                .containsEntry(ReducerEventFields.ITEMS_PROCESSED, 10)
                                .containsEntry(ReducerEventFields.TOTAL_STAMPS, 10)
                                .containsEntry(ReducerEventFields.TOTAL_SIZE_BYTES, 1000)));
                Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(committed(group, stampTopic)).isEqualTo(10));
                assertThat(reducer.totals().get("docs").totalStamps()).isEqualTo(10);
            }
        }
    }

    private static OnexRuntime runtime(Map<String, String> env) throws Exception {
        return OnexRuntime.builder().contracts(List.of(new ContractLoader(env).load(CONTRACT))).environment(env)
                .bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start();
    }

    private static String resolve(String tenant, String reference) {
        return TopicName.resolve(reference, "dev", tenant);
    }

    private static Map<String, Long> sum(List<EventEnvelope> windows, String field) {
        Map<String, Long> sums = new HashMap<>();
        for (EventEnvelope w : windows) {
            sums.merge((String) w.payload().get(ReducerEventFields.NAMESPACE),
                    ((Number) w.payload().get(field)).longValue(), Long::sum);
        }
        return sums;
    }

    /** The sum of the group's committed offsets over the topic's partitions. */
    private static long committed(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    /** Writes the orchestrator's events as it does: through a KafkaEventPublisher, payload fields from node-api. */
    private static final class Orchestrator implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new ByteArraySerializer(), new ByteArraySerializer());
        private final KafkaEventPublisher publisher;

        Orchestrator(String tenant) {
            publisher = new KafkaEventPublisher(producer, new EnvelopeCodec(), ReducerFixture.ORCHESTRATOR, Map.of(),
                    t -> TopicName.resolve(t, "dev", tenant), Clock.systemUTC());
        }

        CompletableFuture<?> stamp(String namespace, long size, String fileType, String workflowId) {
            EventEnvelope e = ReducerFixture.stamp(namespace, size, fileType, workflowId);
            return publisher.publish(OutboundEvent.builder(BridgeTopics.METADATA_STAMP_CREATED,
                    StampEventFields.STAMP_CREATED).payload(e.payload()).correlationId(workflowId).build())
                    .toCompletableFuture();
        }

        CompletableFuture<?> workflowCompleted(String workflowId) {
            EventEnvelope e = ReducerFixture.workflowCompleted(workflowId);
            return publisher.publish(OutboundEvent.builder(BridgeTopics.STAMP_WORKFLOW_COMPLETED,
                    WorkflowEventFields.STAMP_WORKFLOW_COMPLETED).payload(e.payload()).correlationId(workflowId)
                    .build()).toCompletableFuture();
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Reads a topic from the beginning with a plain consumer, keeping everything read so far. */
    private static final class TopicReader implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        private final EnvelopeCodec codec = new EnvelopeCodec();
        private final String topic;
        private final List<EventEnvelope> read = new ArrayList<>();
        private boolean assigned;

        TopicReader(String topic) {
            this.topic = topic;
        }

        /** Everything read so far, after one more poll. */
        List<EventEnvelope> poll() {
            if (!assigned) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                if (partitions.isEmpty()) {
                    return List.of();
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                assigned = true;
            }
            consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(codec.decode(r.value())));
            return List.copyOf(read);
        }

        List<EventEnvelope> all() {
            return List.copyOf(read);
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
