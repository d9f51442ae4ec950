package io.onex.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.NodeExecutionException;
import io.onex.api.contract.RetrySpec;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.RecordOrigin;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DeadLetterRouterTest {

    private static final String TOPIC = "dev.omninode_bridge.onex.evt.stamp-workflow-started.v1";
    private static final String DLQ = TOPIC + ".dlq";

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ObjectMapper mapper = EnvelopeCodec.defaultMapper();
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final DeadLetterRouter router = new DeadLetterRouter(producer, mapper, clock, scheduler,
            new RetrySpec(3, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1), 0, List.of(), List.of()), registry);
    private final EventEnvelope envelope = EventEnvelope.create("STAMP_WORKFLOW_STARTED", "corr-1", null,
            clock.instant(), new EventSource("omninode_bridge", "orchestrator", "orch-1"),
            Map.of("environment", "dev"), Map.of("workflow_id", "wf-1"));

    private DeadLetter.Builder letter(Throwable failure) {
        Headers headers = new RecordHeaders();
        headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
        return letter(failure, headers);
    }

    private DeadLetter.Builder letter(Throwable failure, Headers headers) {
        return DeadLetter.builder(new RecordOrigin(TOPIC, 2, 41L, "key-1".getBytes(StandardCharsets.UTF_8), headers,
                        null), failure)
                .originalEnvelope(envelope)
                .retryCount(3)
                .nodeId("reducer-1")
                .correlationId("corr-1");
    }

    private JsonNode json(ProducerRecord<byte[], byte[]> r) throws IOException {
        return mapper.readTree(r.value());
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void valueCarriesEveryFieldOfTheWireFormat() throws Exception {
        Throwable failure = new CompletionException(new NodeExecutionException("stamp_reducer", 3, false,
                new IOException("disk full while writing with password=hunter2")));

        CompletionStage<DeliveryReceipt> routed = router.route(letter(failure).build());
        assertThat(producer.completeNext()).isTrue();

        DeliveryReceipt receipt = routed.toCompletableFuture().join();
        assertThat(receipt.topic()).isEqualTo(DLQ);
        assertThat(receipt.eventId()).isEqualTo(envelope.eventId());
        ProducerRecord<byte[], byte[]> r = producer.history().get(0);
        assertThat(r.topic()).isEqualTo(DLQ);
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("key-1");
        JsonNode v = json(r);
        List<String> fields = new ArrayList<>();
        v.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("original_topic", "original_partition", "original_offset",
                "original_envelope", "error", "retry_count", "failed_at", "node_id", "correlation_id");
        assertThat(v.get("original_topic").asText()).isEqualTo(TOPIC);
        assertThat(v.get("original_partition").asInt()).isEqualTo(2);
        assertThat(v.get("original_offset").asLong()).isEqualTo(41);
        assertThat(v.get("original_envelope").get("event_id").asText()).isEqualTo(envelope.eventId());
        assertThat(v.get("original_envelope").get("payload").get("workflow_id").asText()).isEqualTo("wf-1");
        assertThat(new EnvelopeCodec(mapper).decode(mapper.writeValueAsBytes(v.get("original_envelope"))))
                .as("the original envelope can be replayed as it was").isEqualTo(envelope);
        assertThat(v.get("error").get("type").asText()).isEqualTo("java.io.IOException");
        assertThat(v.get("error").get("message").asText()).isEqualTo("disk full while writing with password=***");
        assertThat(v.get("error").size()).as("no stack trace").isEqualTo(2);
        assertThat(v.get("retry_count").asInt()).isEqualTo(3);
        assertThat(v.get("failed_at").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(v.get("node_id").asText()).isEqualTo("reducer-1");
        assertThat(v.get("correlation_id").asText()).isEqualTo("corr-1");
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain("hunter2").doesNotContain("\tat ");
    }

    @Test
    void headersMirrorTheEssentialsAndKeepTheOriginalOnes() {
        router.route(letter(new IllegalStateException("token=xyz expired")).build());
        producer.completeNext();

        ProducerRecord<byte[], byte[]> r = producer.history().get(0);
        assertThat(header(r, "trace")).isEqualTo("abc");
        assertThat(header(r, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(TOPIC);
        assertThat(header(r, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("2");
        assertThat(header(r, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("41");
        assertThat(header(r, DeadLetterHeaders.EXCEPTION_CLASS)).isEqualTo("java.lang.IllegalStateException");
        assertThat(header(r, DeadLetterHeaders.EXCEPTION_MESSAGE)).isEqualTo("token=*** expired");
        assertThat(header(r, DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
        assertThat(header(r, DeadLetterHeaders.NODE_ID)).isEqualTo("reducer-1");
        assertThat(header(r, DeadLetterHeaders.FAILED_AT)).isEqualTo("2023-11-14T22:13:20Z");
    }

    @Test
    void recordDeadLetteredTwiceKeepsOneSetOfDeadLetterHeaders() {
        router.route(letter(new IllegalStateException("first")).build());
        producer.completeNext();
        Headers afterFirst = producer.history().get(0).headers();

        // replayed onto the original topic, it fails again
        clock.advance(Duration.ofMinutes(5));
        router.route(letter(new IllegalArgumentException("second"), afterFirst).retryCount(1).build());
        producer.completeNext();

        ProducerRecord<byte[], byte[]> again = producer.history().get(1);
        List<String> keys = new ArrayList<>();
        for (Iterator<Header> it = again.headers().iterator(); it.hasNext(); ) {
            keys.add(it.next().key());
        }
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(keys).containsExactlyInAnyOrder("trace", DeadLetterHeaders.ORIGINAL_TOPIC,
                DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.ORIGINAL_OFFSET,
                DeadLetterHeaders.EXCEPTION_CLASS, DeadLetterHeaders.EXCEPTION_MESSAGE, DeadLetterHeaders.ATTEMPTS,
                DeadLetterHeaders.NODE_ID, DeadLetterHeaders.FAILED_AT);
        assertThat(header(again, DeadLetterHeaders.EXCEPTION_MESSAGE)).isEqualTo("second");
        assertThat(header(again, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(again, DeadLetterHeaders.FAILED_AT)).isEqualTo("2023-11-14T22:18:20Z");
    }

    @Test
    void undecodableBytesAreWrittenAsBase64AndKeyedByCorrelationId() throws Exception {
        byte[] raw = {'{', 'n', 'o', 't', (byte) 0xff};
        router.route(DeadLetter.builder(RecordOrigin.unconsumed(TOPIC, null, null, raw),
                        new IllegalArgumentException("not JSON"))
                .nodeId("reducer-1").correlationId("corr-9").build());
        producer.completeNext();

        ProducerRecord<byte[], byte[]> r = producer.history().get(0);
        JsonNode v = json(r);
        assertThat(v.has("original_envelope")).isFalse();
        assertThat(Base64.getDecoder().decode(v.get("original_value_base64").asText())).isEqualTo(raw);
        assertThat(v.get("original_partition").isNull()).isTrue();
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("corr-9");
        assertThat(header(r, DeadLetterHeaders.ORIGINAL_PARTITION)).isNull();
    }

    @Test
    void bytesTooLargeForADeadLetterRecordAreLeftOutAndTheirSizeAndPlaceWrittenInstead() throws Exception {
        byte[] raw = new byte[DeadLetterEncoder.MAX_ORIGINAL_VALUE_BYTES + 1];
        router.route(DeadLetter.builder(new RecordOrigin(TOPIC, 2, 41L, null, null, raw),
                        new IllegalArgumentException("record value is too large"))
                .nodeId("reducer-1").correlationId("corr-9").build());
        producer.completeNext();

        ProducerRecord<byte[], byte[]> r = producer.history().get(0);
        JsonNode v = json(r);
        assertThat(r.value().length).isLessThan(64 * 1024);
        assertThat(v.get("original_value_base64").isNull()).isTrue();
        assertThat(v.get("original_value_bytes").asInt()).isEqualTo(raw.length);
        assertThat(v.get("original_value_omitted").asText()).isEqualTo("the original value is "
                + raw.length + " bytes, over the 524288 a dead letter carries; it stays at " + TOPIC + "[2]@41");
    }

    @Test
    void longMessagesAreCutToAThousandCharacters() throws Exception {
        router.route(letter(new IllegalStateException("x".repeat(5000))).build());
        producer.completeNext();

        String message = json(producer.history().get(0)).get("error").get("message").asText();
        assertThat(message).hasSize(1000).endsWith("...");
    }

    @Test
    void writeIsRetriedWithBackoffThenSucceeds() {
        CompletionStage<DeliveryReceipt> routed = router.route(letter(new IllegalStateException("x")).build());
        assertThat(producer.errorNext(new KafkaException("leader not available"))).isTrue();
        assertThat(routed.toCompletableFuture()).isNotDone();
        scheduler.advance(Duration.ofMillis(50));
        assertThat(producer.completeNext()).isTrue();

        assertThat(routed.toCompletableFuture()).isCompleted();
        assertThat(scheduler.requestedDelays()).containsExactly(Duration.ofMillis(50));
        assertThat(registry.counter("onex.dlq.routed", "topic", DLQ).count()).isEqualTo(1);
        assertThat(registry.counter("onex.dlq.failures", "topic", DLQ).count()).isZero();
    }

    @Test
    void writeFailingEveryTimeFailsTheStageWithTheOriginalFailureAttached() {
        IllegalStateException original = new IllegalStateException("node failure");
        CompletableFuture<DeliveryReceipt> routed =
                router.route(letter(original).build()).toCompletableFuture();
        for (int i = 0; i < 3; i++) {
            assertThat(producer.errorNext(new KafkaException("broker down " + i))).isTrue();
            scheduler.advance(Duration.ofSeconds(1));
        }

        assertThat(routed).isCompletedExceptionally();
        Throwable t = routed.handle((v, e) -> e).join();
        assertThat(t).isInstanceOf(DeadLetterException.class)
                .hasMessageStartingWith("cannot write to dead-letter topic " + DLQ + " for node reducer-1 "
                        + "(correlation_id corr-1): org.apache.kafka.common.KafkaException: broker down 2");
        assertThat(t).hasMessageEndingWith("; the failure being dead-lettered: java.lang.IllegalStateException: node failure");
        assertThat(((DeadLetterException) t).deadLetterTopic()).isEqualTo(DLQ);
        assertThat(t.getCause()).hasMessage("broker down 2");
        assertThat(t.getSuppressed()).containsExactly(original);
        assertThat(registry.counter("onex.dlq.failures", "topic", DLQ).count()).isEqualTo(1);
        assertThat(registry.counter("onex.dlq.routed", "topic", DLQ).count()).isZero();
        assertThat(scheduler.requestedDelays()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void producerThatThrowsInsteadOfCallingBackCountsAsAFailedWrite() {
        producer.close();

        CompletableFuture<DeliveryReceipt> routed = router.route(letter(new IllegalStateException("x")).build())
                .toCompletableFuture();
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(routed).isCompletedExceptionally();
        assertThat(routed.handle((v, e) -> e).join()).isInstanceOf(DeadLetterException.class);
    }
}
