package io.onex.nodes.kafkaeffect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class NodeKafkaEventEffectPublishTest {

    private static Map<String, Object> input(String topic) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("topic", topic);
        in.put("event_type", "QUALITY_ASSESSED");
        in.put("payload", Map.of("quality_score", 0.87, "entity_id", "abc-123"));
        in.put("correlation_id", "660e8400-e29b-41d4-a716-446655440000");
        return in;
    }

    @Test
    void completesOnlyWhenTheBrokerAcknowledgesWithPartitionAndOffset() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.startHoldingAcks(c -> c)) {
            CompletableFuture<Object> call = k.call(input("quality.assessed.v1"));

            assertThat(call).isNotDone();
            assertThat(k.producer.completeNext()).isTrue();

            KafkaEventOutput out = (KafkaEventOutput) call.get(5, TimeUnit.SECONDS);
            assertThat(out.success()).isTrue();
            assertThat(out.topic()).isEqualTo("quality.assessed.v1");
            assertThat(out.partition()).isZero();
            assertThat(out.offset()).isZero();
            assertThat(out.error()).isNull();
            assertThat(out.eventId()).isEqualTo(k.json(k.producer.history().get(0).value()).get("event_id").asText());
        }
    }

    @Test
    void failedAckFailsTheCallInsteadOfReportingSuccess() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start(Map.of(), c -> c.toBuilder()
                .resilience(new io.onex.api.contract.ResilienceSpec(Duration.ofSeconds(5),
                        new io.onex.api.contract.RetrySpec(1, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0,
                                List.of(), List.of()), c.resilience().circuitBreaker())).build())) {
            k.producer.failNextSends("quality.assessed.v1", 1,
                    new org.apache.kafka.common.errors.NotEnoughReplicasException("not enough replicas"));

            CompletableFuture<Object> call = k.call(input("quality.assessed.v1"));

            assertThat(call).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .withMessageContaining("NotEnoughReplicasException");
        }
    }

    @Test
    void prefixesTopicsWithKafkaTopicPrefixFromTheEnvironment() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start(Map.of("KAFKA_TOPIC_PREFIX", "dev.archon-intelligence"),
                c -> c)) {
            KafkaEventOutput out = (KafkaEventOutput) k.call(input("quality.assessed.v1")).get(5, TimeUnit.SECONDS);

            assertThat(out.topic()).isEqualTo("dev.archon-intelligence.quality.assessed.v1");
            assertThat(k.sentTo("dev.archon-intelligence.quality.assessed.v1")).hasSize(1);
            assertThat(k.node.config().topicPrefix()).isEqualTo("dev.archon-intelligence");
        }
    }

    @Test
    void writesTopicsAsGivenWithoutPrefixAndResolvesOnexReferences() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            KafkaEventOutput plain = (KafkaEventOutput) k.call(input("quality.assessed.v1")).get(5, TimeUnit.SECONDS);
            KafkaEventOutput ref = (KafkaEventOutput) k.call(input("onex.evt.quality-assessed.v1"))
                    .get(5, TimeUnit.SECONDS);

            assertThat(plain.topic()).isEqualTo("quality.assessed.v1");
            assertThat(ref.topic()).isEqualTo("dev.omninode_bridge.onex.evt.quality-assessed.v1");
        }
    }

    @Test
    void keysByPartitionKeyWhenGivenElseByCorrelationId() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            Map<String, Object> keyed = input("t1");
            keyed.put("partition_key", "entity-123");
            Map<String, Object> noCorrelation = input("t1");
            noCorrelation.remove("correlation_id");

            k.call(keyed).get(5, TimeUnit.SECONDS);
            k.call(input("t1")).get(5, TimeUnit.SECONDS);
            k.call(noCorrelation).get(5, TimeUnit.SECONDS);

            List<ProducerRecord<byte[], byte[]>> sent = k.sentTo("t1");
            assertThat(key(sent.get(0))).isEqualTo("entity-123");
            assertThat(key(sent.get(1))).isEqualTo("660e8400-e29b-41d4-a716-446655440000");
            // no correlation id in the input: the call's own, which is also the envelope's
            String callCorrelation = k.json(sent.get(2).value()).get("correlation_id").asText();
            assertThat(callCorrelation).isNotEqualTo("660e8400-e29b-41d4-a716-446655440000").isNotBlank();
            assertThat(key(sent.get(2))).isEqualTo(callCorrelation);
        }
    }

    @Test
    void writesTheWireHeadersThenTheCallersHeaders() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            Map<String, Object> in = input("t1");
            in.put("headers", Map.of("x-tenant", "acme"));

            KafkaEventOutput out = (KafkaEventOutput) k.call(in).get(5, TimeUnit.SECONDS);

            List<String> headers = new ArrayList<>();
            for (Header h : k.sentTo("t1").get(0).headers()) {
                headers.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8));
            }
            assertThat(headers).containsExactly("event_id=" + out.eventId(), "event_type=QUALITY_ASSESSED",
                    "correlation_id=660e8400-e29b-41d4-a716-446655440000", "content-type=application/json",
                    "x-tenant=acme");
        }
    }

    @Test
    void wrapsThePayloadInTheEnvelopeOfWireMd() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            KafkaEventOutput out = (KafkaEventOutput) k.call(input("t1")).get(5, TimeUnit.SECONDS);

            JsonNode e = k.json(k.sentTo("t1").get(0).value());
            List<String> fields = new ArrayList<>();
            e.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("event_id", "event_type", "correlation_id", "causation_id", "timestamp",
                    "version", "source", "metadata", "payload");
            assertThat(e.get("event_id").asText()).isEqualTo(out.eventId());
            assertThat(e.get("causation_id").isNull()).isTrue();
            assertThat(e.get("timestamp").decimalValue()).isEqualByComparingTo("1701446400");
            assertThat(e.get("version").asText()).isEqualTo("1.0.0");
            assertThat(e.get("source").get("service").asText()).isEqualTo("omninode_bridge");
            assertThat(e.get("source").get("node_type").asText()).isEqualTo("effect");
            assertThat(e.get("source").get("node_id").asText()).isEqualTo(k.nodeId);
            assertThat(e.get("metadata").get("environment").asText()).isEqualTo("dev");
            assertThat(e.get("metadata").get("node_version").asText()).isEqualTo("1.0.0");
            assertThat(e.get("payload").get("entity_id").asText()).isEqualTo("abc-123");
            assertThat(e.get("payload").get("quality_score").decimalValue()).isEqualByComparingTo("0.87");
        }
    }

    @Test
    void rejectsAnEventWithoutTopicOrEventTypeWithoutSending() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            Map<String, Object> noType = input("t1");
            noType.remove("event_type");

            assertThat(k.call(noType)).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .withMessageContaining("event_type: required");
            assertThat(k.call(Map.of("event_type", "X"))).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .withMessageContaining("topic: required");
            assertThat(k.call(Map.of("operation", "publish_all", "topic", "t1", "event_type", "X")))
                    .failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .withMessageContaining("operation must be one of publish, publish_batch, publish_to_dlq");
            assertThat(k.producer.history()).isEmpty();
        }
    }

    private static String key(ProducerRecord<byte[], byte[]> r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }
}
