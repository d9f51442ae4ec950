package io.onex.nodes.kafkaeffect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class NodeKafkaEventEffectBatchTest {

    private static Map<String, Object> batch(boolean atomic) {
        return Map.of("operation", "publish_batch", "atomic", atomic, "topic", "docs.v1", "event_type", "DOC_INGESTED",
                "events", List.of(
                        Map.of("partition_key", "k1", "payload", Map.of("n", 1)),
                        Map.of("partition_key", "poison", "payload", Map.of("n", 2)),
                        Map.of("partition_key", "k3", "payload", Map.of("n", 3), "topic", "other.v1")));
    }

    @Test
    void nonAtomicBatchReportsEachEventsOutcome() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            k.producer.failSendsWithKey("poison", MockKafkaPipeline.brokerDown());

            KafkaEventOutput out = (KafkaEventOutput) k.call(batch(false)).get(5, TimeUnit.SECONDS);

            assertThat(out.success()).isFalse();
            assertThat(out.results()).hasSize(3);
            assertThat(out.results().get(0).success()).isTrue();
            assertThat(out.results().get(0).topic()).isEqualTo("docs.v1");
            assertThat(out.results().get(1).success()).isFalse();
            assertThat(out.results().get(1).offset()).isEqualTo(-1);
            assertThat(out.results().get(1).error())
                    .isEqualTo("org.apache.kafka.common.errors.NotEnoughReplicasException: not enough in-sync replicas");
            assertThat(out.results().get(2).success()).isTrue();
            assertThat(out.results().get(2).topic()).isEqualTo("other.v1");
            assertThat(k.sentTo("docs.v1")).hasSize(1);
            assertThat(k.sentTo("other.v1")).hasSize(1);
            assertThat(k.transactional.transactionInitialized()).as("no transaction for a non-atomic batch").isFalse();
            assertThat(k.node.metrics().eventsPublished()).isEqualTo(2);
            assertThat(k.node.metrics().eventsFailed()).isEqualTo(1);
        }
    }

    @Test
    void atomicBatchCommitsEveryEventInOneTransaction() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            KafkaEventOutput out = (KafkaEventOutput) k.call(batch(true)).get(5, TimeUnit.SECONDS);

            assertThat(out.success()).isTrue();
            assertThat(out.results()).extracting(KafkaEventOutput::success).containsExactly(true, true, true);
            assertThat(k.transactional.transactionCommitted()).isTrue();
            assertThat(k.transactional.commitCount()).isEqualTo(1);
            assertThat(k.transactional.history()).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactly("k1", "poison", "k3");
            assertThat(k.producer.history()).as("nothing through the shared producer").isEmpty();
        }
    }

    @Test
    void atomicBatchWithOneFailedSendMakesNoneVisibleAndDeadLettersEveryEvent() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            k.transactional.failSendsWithKey("poison", new RecordTooLargeException("record too large"));

            assertThat(k.call(batch(true))).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .withMessageContaining("atomic batch of 3 events aborted: event 1 (docs.v1) failed");

            assertThat(k.transactional.transactionAborted()).isTrue();
            assertThat(k.transactional.transactionCommitted()).isFalse();
            assertThat(k.transactional.history()).as("committed records").isEmpty();
            assertThat(k.transactional.uncommittedRecords()).isEmpty();
            // RecordTooLargeException is never retried (contract): one attempt, then every event to its DLQ
            assertThat(k.sentTo("docs.v1.dlq")).hasSize(2);
            assertThat(k.sentTo("other.v1.dlq")).hasSize(1);
            JsonNode letter = k.json(k.sentTo("docs.v1.dlq").get(0).value());
            assertThat(letter.get("original_envelope").get("payload").get("n").asInt()).isEqualTo(1);
            assertThat(letter.get("error").get("type").asText()).isEqualTo("io.onex.api.NonRetryableException");
            assertThat(k.node.metrics().eventsFailed()).isEqualTo(3);
            assertThat(k.node.metrics().eventsSentToDlq()).isEqualTo(3);
        }
    }

    @Test
    void atomicBatchAbortedByARetriableErrorIsRetriedWhole() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            k.transactional.failNextSends("other.v1", 1, MockKafkaPipeline.brokerDown());

            var call = k.call(batch(true));
            // the abort happens on the node's transaction thread; wait until the pipeline has scheduled its backoff
            org.awaitility.Awaitility.await().until(() -> k.scheduler.requestedDelays().stream()
                    .anyMatch(d -> d.toMillis() < 1000));
            assertThat(k.transactional.transactionAborted()).isTrue();
            k.scheduler.advance(Duration.ofMillis(150));
            KafkaEventOutput out = (KafkaEventOutput) call.get(5, TimeUnit.SECONDS);

            assertThat(out.success()).isTrue();
            assertThat(k.transactional.commitCount()).isEqualTo(1);
            assertThat(k.transactional.history()).hasSize(3);
            assertThat(k.node.metrics().retriesAttempted()).isEqualTo(1);
        }
    }

    @Test
    void rejectsAnEmptyBatchAndABadEventBeforeSendingAny() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            assertThat(k.call(Map.of("operation", "publish_batch"))).failsWithin(Duration.ofSeconds(5))
                    .withThrowableThat().withMessageContaining("events: a publish_batch needs at least one event");
            assertThat(k.call(Map.of("operation", "publish_batch", "event_type", "X", "events",
                    List.of(Map.of("topic", "a"), Map.of("payload", Map.of())))))
                    .failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .withMessageContaining("events[1].topic: required");
            assertThat(k.producer.history()).isEmpty();
        }
    }

    @Test
    void publishToDlqWritesTheEventWithTheCallersReason() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start(Map.of("KAFKA_TOPIC_PREFIX", "dev.archon"), c -> c)) {
            KafkaEventOutput out = (KafkaEventOutput) k.call(Map.of("operation", "publish_to_dlq",
                    "topic", "quality.assessed.v1", "event_type", "QUALITY_ASSESSED", "correlation_id", "corr-9",
                    "payload", Map.of("score", 1), "error", "score out of range")).get(5, TimeUnit.SECONDS);

            assertThat(out.success()).isTrue();
            assertThat(out.topic()).isEqualTo("dev.archon.quality.assessed.v1.dlq");
            assertThat(k.sentTo("dev.archon.quality.assessed.v1")).isEmpty();
            JsonNode letter = k.json(k.sentTo("dev.archon.quality.assessed.v1.dlq").get(0).value());
            assertThat(letter.get("original_topic").asText()).isEqualTo("dev.archon.quality.assessed.v1");
            assertThat(letter.get("original_envelope").get("correlation_id").asText()).isEqualTo("corr-9");
            assertThat(letter.get("error").get("type").asText()).isEqualTo(DeadLetterRequestedException.class.getName());
            assertThat(letter.get("error").get("message").asText()).isEqualTo("score out of range");
            assertThat(letter.get("retry_count").asInt()).isZero();
            assertThat(letter.get("node_id").asText()).isEqualTo(k.nodeId);
            assertThat(k.node.metrics().eventsSentToDlq()).isEqualTo(1);
        }
    }

    @Test
    void publishToDlqNeedsAReason() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            assertThat(k.call(Map.of("operation", "publish_to_dlq", "topic", "t", "event_type", "X")))
                    .failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .withMessageContaining("error: required for publish_to_dlq");
        }
    }
}
