package io.onex.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.api.DeliveryReceipt;
import io.onex.api.EventSource;
import io.onex.api.OutboundEvent;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.testing.MutableClock;
import io.onex.runtime.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class KafkaEventPublisherIT {

    @Test
    void recordOnTheBrokerIsExactlyTheWireEnvelopeWithKeyAndHeaders() throws Exception {
        Map<String, Object> base = Map.of("bootstrap.servers", SharedKafka.bootstrapServers());
        String topic = SharedKafka.uniqueTopic("dev.omninode_bridge.onex.evt.stamp-workflow-started.v1");
        try (Admin admin = Admin.create(KafkaClientProperties.admin(base))) {
            new TopicProvisioner(admin, 3, (short) 1, "producer").ensureTopics(List.of(topic), Duration.ofSeconds(30));
        }
        DeliveryReceipt receipt;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KafkaClientProperties.producer(base, "publisher-it", "lz4"))) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("environment", "dev");
            metadata.put("node_version", "1.0.0");
            KafkaEventPublisher publisher = new KafkaEventPublisher(producer, new EnvelopeCodec(),
                    new EventSource("omninode_bridge", "orchestrator", "orchestrator-7f3a"), metadata, t -> t,
                    new MutableClock(Instant.parse("2023-12-01T16:00:00.123Z")));
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("workflow_id", "wf-42");
            payload.put("workflow_state", "processing");
            receipt = publisher.publish(OutboundEvent.builder(topic, "STAMP_WORKFLOW_STARTED")
                    .payload(payload).correlationId("660e8400-e29b-41d4-a716-446655440000")
                    .causationId("550e8400-e29b-41d4-a716-446655440000").partitionKey("wf-42")
                    .header("x-origin", "it").build()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }

        ConsumerRecord<byte[], byte[]> record = readAt(base, new TopicPartition(topic, receipt.partition()),
                receipt.offset());

        assertThat(receipt.topic()).isEqualTo(topic);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("wf-42");
        JsonNode json = EnvelopeCodec.defaultMapper().readTree(record.value());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("event_id", "event_type", "correlation_id", "causation_id", "timestamp",
                "version", "source", "metadata", "payload");
        assertThat(json.get("event_id").asText()).isEqualTo(receipt.eventId());
        assertThat(json.get("event_type").asText()).isEqualTo("STAMP_WORKFLOW_STARTED");
        assertThat(json.get("correlation_id").asText()).isEqualTo("660e8400-e29b-41d4-a716-446655440000");
        assertThat(json.get("causation_id").asText()).isEqualTo("550e8400-e29b-41d4-a716-446655440000");
        assertThat(json.get("timestamp").isNumber()).isTrue();
        assertThat(json.get("timestamp").decimalValue()).isEqualByComparingTo("1701446400.123");
        assertThat(json.get("version").asText()).isEqualTo("1.0.0");
        assertThat(json.get("source").toString())
                .isEqualTo("{\"service\":\"omninode_bridge\",\"node_type\":\"orchestrator\",\"node_id\":\"orchestrator-7f3a\"}");
        assertThat(json.get("metadata").toString()).isEqualTo("{\"environment\":\"dev\",\"node_version\":\"1.0.0\"}");
        assertThat(json.get("payload").toString())
                .isEqualTo("{\"workflow_id\":\"wf-42\",\"workflow_state\":\"processing\"}");
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).containsExactly(
                Map.entry("event_id", receipt.eventId()),
                Map.entry("event_type", "STAMP_WORKFLOW_STARTED"),
                Map.entry("correlation_id", "660e8400-e29b-41d4-a716-446655440000"),
                Map.entry("content-type", "application/json"),
                Map.entry("x-origin", "it"));
    }

    private static ConsumerRecord<byte[], byte[]> readAt(Map<String, Object> base, TopicPartition tp, long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClientProperties.consumer(base, "publisher-it-reader", "reader", 10, 10_000, "earliest"))) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no record at " + tp + "@" + offset + " within 30 s");
    }
}
