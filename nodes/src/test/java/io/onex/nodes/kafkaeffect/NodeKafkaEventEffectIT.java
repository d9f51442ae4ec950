package io.onex.nodes.kafkaeffect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.TopicProvisioner;
import io.onex.runtime.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node in a real runtime against the shared embedded broker. */
class NodeKafkaEventEffectIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ObjectMapper json = new ObjectMapper();
    private String prefix;
    private OnexRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = Map.of("KAFKA_TOPIC_PREFIX", prefix, "KAFKA_COMPRESSION_TYPE", "none");
        runtime = OnexRuntime.builder()
                .contracts(List.of(new ContractLoader(env).load(MockKafkaPipeline.CONTRACT)))
                .environment(env).bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private void createTopics(String... topics) {
        try (Admin admin = Admin.create(KafkaClientProperties.admin(runtime.config().kafkaClientProperties()))) {
            new TopicProvisioner(admin, 3, (short) 1, "producer").ensureTopics(List.of(topics), WAIT);
        }
    }

    @Test
    void aPlainConsumerReadsBackExactlyTheEnvelopeOfWireMd() throws Exception {
        String topic = prefix + ".quality.assessed.v1";
        createTopics(topic);

        KafkaEventOutput out = (KafkaEventOutput) runtime.call("kafka_event_effect", Map.of(
                "topic", "quality.assessed.v1", "event_type", "QUALITY_ASSESSED",
                "payload", Map.of("quality_score", 0.87, "entity_id", "abc-123"),
                "correlation_id", "660e8400-e29b-41d4-a716-446655440000", "partition_key", "entity-123",
                "headers", Map.of("x-tenant", "acme"))).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(out.topic()).isEqualTo(topic);
        try (EffectTopicReader reader = new EffectTopicReader(SharedKafka.bootstrapServers(), "read_committed", topic)) {
            ConsumerRecord<byte[], byte[]> r = reader.readUntil(WAIT, seen -> !seen.isEmpty()).get(0);
            assertThat(r.partition()).isEqualTo(out.partition());
            assertThat(r.offset()).isEqualTo(out.offset());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("entity-123");
            List<String> headers = new ArrayList<>();
            for (Header h : r.headers()) {
                headers.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8));
            }
            assertThat(headers).containsExactly("event_id=" + out.eventId(), "event_type=QUALITY_ASSESSED",
                    "correlation_id=660e8400-e29b-41d4-a716-446655440000", "content-type=application/json",
                    "x-tenant=acme");
            JsonNode e = json.readTree(r.value());
            List<String> fields = new ArrayList<>();
            e.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("event_id", "event_type", "correlation_id", "causation_id", "timestamp",
                    "version", "source", "metadata", "payload");
            assertThat(e.get("event_id").asText()).isEqualTo(out.eventId());
            assertThat(e.get("event_type").asText()).isEqualTo("QUALITY_ASSESSED");
            assertThat(e.get("correlation_id").asText()).isEqualTo("660e8400-e29b-41d4-a716-446655440000");
            assertThat(e.get("causation_id").isNull()).isTrue();
            assertThat(e.get("timestamp").isNumber()).isTrue();
            assertThat(e.get("timestamp").asDouble() * 1000).isCloseTo(System.currentTimeMillis(),
                    org.assertj.core.data.Offset.offset(60_000.0));
            assertThat(e.get("version").asText()).isEqualTo("1.0.0");
            assertThat(json.convertValue(e.get("source"), Map.class)).isEqualTo(Map.of("service", "omninode_bridge",
                    "node_type", "effect", "node_id", runtime.nodeId("kafka_event_effect")));
            assertThat(json.convertValue(e.get("metadata"), Map.class))
                    .isEqualTo(Map.of("environment", "dev", "node_version", "1.0.0"));
            assertThat(json.convertValue(e.get("payload"), Map.class))
                    .isEqualTo(Map.of("quality_score", 0.87, "entity_id", "abc-123"));
        }
    }

    @Test
    void anAtomicBatchAbortedMidWayIsInvisibleToReadCommittedConsumers() throws Exception {
        String topic = prefix + ".docs.v1";
        createTopics(topic, topic + ".dlq");
        String tooLarge = "x".repeat(2 * 1024 * 1024); // above the producer's max.request.size
        Map<String, Object> aborted = Map.of("operation", "publish_batch", "atomic", true, "topic", "docs.v1",
                "event_type", "DOC_INGESTED", "events", List.of(
                        Map.of("partition_key", "a", "payload", Map.of("n", 1)),
                        Map.of("partition_key", "b", "payload", Map.of("n", 2)),
                        Map.of("partition_key", "c", "payload", Map.of("n", 3, "blob", tooLarge)),
                        Map.of("partition_key", "d", "payload", Map.of("n", 4))));

        assertThat(runtime.call("kafka_event_effect", aborted).toCompletableFuture())
                .failsWithin(WAIT).withThrowableThat().withMessageContaining("atomic batch of 4 events aborted");
        KafkaEventOutput committed = (KafkaEventOutput) runtime.call("kafka_event_effect", Map.of(
                "operation", "publish_batch", "atomic", true, "topic", "docs.v1", "event_type", "DOC_INGESTED",
                "events", List.of(Map.of("partition_key", "a", "payload", Map.of("n", 10)))))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(committed.success()).isTrue();

        try (EffectTopicReader reader = new EffectTopicReader(SharedKafka.bootstrapServers(), "read_committed", topic)) {
            // the committed batch went to the same partition after the aborted one: once it is read, so was the rest
            List<ConsumerRecord<byte[], byte[]>> seen = reader.readUntil(WAIT, s -> s.stream()
                    .anyMatch(r -> r.offset() == committed.results().get(0).offset()));
            assertThat(seen).extracting(r -> json.readTree(r.value()).get("payload").get("n").asInt())
                    .containsExactly(10);
        }
        // never retried (RecordTooLargeException): each event of the aborted batch goes to the DLQ, except the one
        // too large for Kafka, whose dead letter (it carries the envelope) is too large as well
        try (EffectTopicReader dlq = new EffectTopicReader(SharedKafka.bootstrapServers(), "read_committed",
                topic + ".dlq")) {
            assertThat(dlq.readUntil(WAIT, s -> s.size() >= 3)).extracting(
                    r -> json.readTree(r.value()).get("original_envelope").get("payload").get("n").asInt())
                    .containsExactlyInAnyOrder(1, 2, 4);
        }
    }
}
