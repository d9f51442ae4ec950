package io.onex.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.OutboundEvent;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaEventPublisherTest {

    private static final EventSource SOURCE = new EventSource("omninode_bridge", "orchestrator", "orchestrator-7f3a");
    private static final Instant NOW = Instant.parse("2023-12-01T16:00:00.123Z");

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final KafkaEventPublisher publisher = new KafkaEventPublisher(producer, codec, SOURCE,
            Map.of("environment", "dev", "node_version", "1.0.0"), topic -> "dev.omninode_bridge." + topic,
            clock());

    private static MutableClock clock() {
        return new MutableClock(NOW);
    }

    @Test
    void publishWrapsEventInEnvelopeKeyedByPartitionKeyWithWireHeaders() throws Exception {
        OutboundEvent event = OutboundEvent.builder("onex.evt.stamp-workflow-started.v1", "STAMP_WORKFLOW_STARTED")
                .payload(Map.of("workflow_id", "wf-1"))
                .correlationId("corr-1")
                .causationId("cause-1")
                .partitionKey("wf-1")
                .header("x-tenant", "acme")
                .build();

        CompletableFuture<DeliveryReceipt> receipt = publisher.publish(event).toCompletableFuture();
        producer.completeNext();

        ProducerRecord<byte[], byte[]> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo("dev.omninode_bridge.onex.evt.stamp-workflow-started.v1");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("wf-1");
        EventEnvelope envelope = codec.decode(record.value());
        assertThat(envelope.eventType()).isEqualTo("STAMP_WORKFLOW_STARTED");
        assertThat(envelope.correlationId()).isEqualTo("corr-1");
        assertThat(envelope.causationId()).isEqualTo("cause-1");
        assertThat(envelope.timestamp()).isEqualTo(NOW);
        assertThat(envelope.version()).isEqualTo("1.0.0");
        assertThat(envelope.source()).isEqualTo(SOURCE);
        assertThat(envelope.metadata()).containsExactlyInAnyOrderEntriesOf(
                Map.of("environment", "dev", "node_version", "1.0.0"));
        assertThat(envelope.payload()).containsExactlyEntriesOf(Map.of("workflow_id", "wf-1"));
        assertThat(UUID.fromString(envelope.eventId())).isNotNull();
        assertThat(headers(record)).containsExactly(
                Map.entry("event_id", envelope.eventId()),
                Map.entry("event_type", "STAMP_WORKFLOW_STARTED"),
                Map.entry("correlation_id", "corr-1"),
                Map.entry("content-type", "application/json"),
                Map.entry("x-tenant", "acme"));
        DeliveryReceipt r = receipt.join();
        assertThat(r.topic()).isEqualTo(record.topic());
        assertThat(r.partition()).isZero();
        assertThat(r.offset()).isZero();
        assertThat(r.eventId()).isEqualTo(envelope.eventId());
    }

    @Test
    void anEventsOwnMetadataEntriesAreAddedToThePublishersAndWinOverThem() {
        publisher.publish(OutboundEvent.builder("t", "BATCH_PROCESSED").metadata("batch_size", 3)
                .metadata("node_version", "2.0.0").build());

        EventEnvelope envelope = codec.decode(producer.history().get(0).value());
        assertThat(envelope.metadata()).containsEntry("environment", "dev").containsEntry("node_version", "2.0.0")
                .containsEntry("batch_size", 3);
    }

    @Test
    void publishWithoutCorrelationIdGeneratesOneAndKeysByIt() {
        publisher.publish(OutboundEvent.builder("t", "NODE_HEARTBEAT").build());

        ProducerRecord<byte[], byte[]> record = producer.history().get(0);
        EventEnvelope envelope = codec.decode(record.value());
        assertThat(UUID.fromString(envelope.correlationId())).isNotNull();
        assertThat(envelope.causationId()).isNull();
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(envelope.correlationId());
        assertThat(headers(record)).containsEntry("correlation_id", envelope.correlationId());
    }

    @Test
    void publishWritesEnvelopeFieldsInWireOrderAsSnakeCaseJson() throws Exception {
        publisher.publish(OutboundEvent.builder("t", "NODE_HEARTBEAT").correlationId("c").build());

        JsonNode json = codec.mapper().readTree(producer.history().get(0).value());
        List<String> fields = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("event_id", "event_type", "correlation_id", "causation_id", "timestamp",
                "version", "source", "metadata", "payload");
        assertThat(json.get("timestamp").decimalValue()).isEqualByComparingTo("1701446400.123");
        assertThat(json.get("source").get("node_id").asText()).isEqualTo("orchestrator-7f3a");
    }

    @Test
    void brokerRejectionFailsTheStage() {
        CompletableFuture<DeliveryReceipt> receipt =
                publisher.publish(OutboundEvent.builder("t", "E").build()).toCompletableFuture();
        producer.errorNext(new RecordTooLargeException("too large"));

        assertThat(receipt).isCompletedExceptionally();
        assertThat(catchCause(receipt)).isInstanceOf(RecordTooLargeException.class);
    }

    @Test
    void synchronousSendFailureBecomesFailedStageNotThrow() {
        producer.sendException = new IllegalStateException("buffer exhausted");

        CompletableFuture<DeliveryReceipt> receipt =
                publisher.publish(OutboundEvent.builder("t", "E").build()).toCompletableFuture();

        assertThat(catchCause(receipt)).isInstanceOf(IllegalStateException.class).hasMessage("buffer exhausted");
    }

    @Test
    void closedProducerFailsTheStage() {
        producer.close();

        CompletableFuture<DeliveryReceipt> receipt =
                publisher.publish(OutboundEvent.builder("t", "E").build()).toCompletableFuture();

        assertThat(receipt).isCompletedExceptionally();
    }

    @Test
    void topicResolverFailureFailsTheStage() {
        KafkaEventPublisher strict = new KafkaEventPublisher(producer, codec, SOURCE, Map.of(), topic -> {
            throw new IllegalArgumentException("topic 'Bad Topic' is not a valid topic name");
        }, clock());

        CompletableFuture<DeliveryReceipt> receipt =
                strict.publish(OutboundEvent.builder("Bad Topic", "E").build()).toCompletableFuture();

        assertThat(catchCause(receipt)).hasMessageContaining("Bad Topic");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void publishEnvelopeSendsItUnchangedKeyedByCorrelationIdWithWireHeaders() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("legacy_field", "kept");
        EventEnvelope envelope = new EventEnvelope("evt-9", "NODE_INTROSPECTION", "corr-9", null,
                Instant.parse("2024-01-01T00:00:00Z"), "1.0.0", SOURCE, Map.of(), Map.of("node_id", "n1"), extensions);

        CompletableFuture<DeliveryReceipt> receipt =
                publisher.publishEnvelope("onex.evt.node-introspection.v1", null, envelope).toCompletableFuture();
        producer.completeNext();

        ProducerRecord<byte[], byte[]> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo("dev.omninode_bridge.onex.evt.node-introspection.v1");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("corr-9");
        assertThat(codec.decode(record.value())).isEqualTo(envelope);
        assertThat(headers(record)).containsEntry("event_id", "evt-9").containsEntry("event_type",
                "NODE_INTROSPECTION").containsEntry("correlation_id", "corr-9")
                .containsEntry("content-type", "application/json");
        assertThat(receipt.join().eventId()).isEqualTo("evt-9");
    }

    @Test
    void publishEnvelopeUsesGivenPartitionKey() {
        EventEnvelope envelope = EventEnvelope.create("E", "corr", null, NOW, SOURCE, Map.of(), Map.of());

        publisher.publishEnvelope("t", "key-1", envelope);

        assertThat(new String(producer.history().get(0).key(), StandardCharsets.UTF_8)).isEqualTo("key-1");
    }

    private static Map<String, String> headers(ProducerRecord<byte[], byte[]> record) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            m.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static Throwable catchCause(CompletableFuture<?> f) {
        try {
            f.join();
            throw new AssertionError("expected the stage to fail");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void aPayloadItsTopicsSchemaRefusesIsNeverSentOnEitherPublishPath() throws Exception {
        io.onex.api.contract.NodeContract contract = new io.onex.runtime.contract.ContractLoader(Map.of()).parse("""
                name: gate_writer
                version: 1.0.0
                node_type: effect
                implementation: io.onex.test.Node
                topics:
                  publish: [agents.evt.agent-quality-gate.v1]
                topic_settings:
                  agents.evt.agent-quality-gate.v1:
                    payload_schema: io/onex/runtime/payload/quality-gate.test.json
                """, java.nio.file.Path.of("gate_writer.yaml"));
        io.onex.runtime.payload.PayloadSchemas schemas = io.onex.runtime.payload.PayloadSchemas.load(
                List.of(contract), topic -> "dev.omninode_bridge." + topic, codec.mapper(),
                getClass().getClassLoader());
        KafkaEventPublisher checking = new KafkaEventPublisher(producer, codec, SOURCE, Map.of(),
                topic -> "dev.omninode_bridge." + topic, clock(), schemas);
        Map<String, Object> noAgent = Map.of("status", "passed", "execution_time_ms", 3);

        CompletableFuture<DeliveryReceipt> published = checking.publish(OutboundEvent.builder(
                "agents.evt.agent-quality-gate.v1", "AGENT_QUALITY_GATE").payload(noAgent).build()).toCompletableFuture();
        List<Throwable> reported = new java.util.ArrayList<>();
        checking.publishEnvelope("agents.evt.agent-quality-gate.v1", null, EventEnvelope.create("AGENT_QUALITY_GATE",
                "corr-1", null, NOW, SOURCE, Map.of(), noAgent), Map.of(), (receipt, error) -> reported.add(error));

        String expected = "payload of dev.omninode_bridge.agents.evt.agent-quality-gate.v1 does not match "
                + "io/onex/runtime/payload/quality-gate.test.json: $: required property 'agent_name' not found (rule"
                + " required)";
        assertThat(catchCause(published)).isInstanceOf(io.onex.api.InvalidInputException.class).hasMessage(expected);
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0)).isInstanceOf(io.onex.api.InvalidInputException.class).hasMessage(expected);
        assertThat(producer.history()).isEmpty();
    }
}
