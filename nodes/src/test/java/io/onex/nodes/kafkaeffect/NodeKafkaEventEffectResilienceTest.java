package io.onex.nodes.kafkaeffect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.onex.api.NodeExecutionException;
import io.onex.api.contract.CircuitBreakerSpec;
import io.onex.api.contract.ResilienceSpec;
import io.onex.api.contract.RetrySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class NodeKafkaEventEffectResilienceTest {

    private static final Map<String, Object> EVENT = Map.of("topic", "quality.assessed.v1",
            "event_type", "QUALITY_ASSESSED", "payload", Map.of("quality_score", 0.87),
            "correlation_id", "corr-1", "headers", Map.of("x-tenant", "acme"));

    /** One attempt per call; opens after 2 consecutive failures, waits 60 s, one trial call. */
    private static ResilienceSpec breakerAfterTwo() {
        return ResilienceSpec.custom().timeout(Duration.ofSeconds(5))
                .retry(RetrySpec.custom().maxAttempts(1).maxBackoff(Duration.ofSeconds(1)).jitter(0).build())
                .circuitBreaker(CircuitBreakerSpec.custom().consecutiveFailures(2).waitInOpen(Duration.ofSeconds(60))
                        .build())
                .build();
    }

    @Test
    void retriesWithExponentialBackoffThenSucceeds() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            k.producer.failNextSends("quality.assessed.v1", 2, MockKafkaPipeline.brokerDown());

            CompletableFuture<Object> call = k.call(EVENT);
            assertThat(call).isNotDone();
            assertThat(k.producer.sendsTo("quality.assessed.v1")).isEqualTo(1);

            k.scheduler.advance(Duration.ofMillis(120)); // first wait: 100 ms ± 20%
            assertThat(k.producer.sendsTo("quality.assessed.v1")).isEqualTo(2);
            assertThat(call).isNotDone();
            k.scheduler.advance(Duration.ofMillis(240)); // second wait: 200 ms ± 20%

            KafkaEventOutput out = (KafkaEventOutput) call.get(5, TimeUnit.SECONDS);
            assertThat(out.success()).isTrue();
            assertThat(k.sentTo("quality.assessed.v1")).hasSize(1);
            assertThat(k.sentTo("quality.assessed.v1.dlq")).isEmpty();
            assertThat(k.scheduler.requestedDelays()).filteredOn(d -> d.toMillis() < 1000)
                    .satisfiesExactly(d -> assertThat(d.toMillis()).isBetween(80L, 120L),
                            d -> assertThat(d.toMillis()).isBetween(160L, 240L));
            KafkaEffectMetrics m = k.node.metrics();
            assertThat(m.retriesAttempted()).isEqualTo(2);
            assertThat(m.eventsFailed()).isEqualTo(2);
            assertThat(m.eventsPublished()).isEqualTo(1);
            assertThat(m.eventsSentToDlq()).isZero();
        }
    }

    @Test
    void writesTheEnvelopeItTriedToTheDlqWhenEveryAttemptFails() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            k.producer.failNextSends("quality.assessed.v1", 3, MockKafkaPipeline.brokerDown());

            CompletableFuture<Object> call = k.call(EVENT);
            k.scheduler.advance(Duration.ofSeconds(1));

            assertThat(call).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .havingRootCause().isInstanceOf(org.apache.kafka.common.errors.NotEnoughReplicasException.class);
            List<ProducerRecord<byte[], byte[]>> dlq = k.sentTo("quality.assessed.v1.dlq");
            assertThat(dlq).hasSize(1);
            JsonNode letter = k.json(dlq.get(0).value());
            assertThat(letter.get("original_topic").asText()).isEqualTo("quality.assessed.v1");
            assertThat(letter.get("original_envelope").get("event_type").asText()).isEqualTo("QUALITY_ASSESSED");
            assertThat(letter.get("original_envelope").get("correlation_id").asText()).isEqualTo("corr-1");
            assertThat(letter.get("original_envelope").get("payload").get("quality_score").asDouble()).isEqualTo(0.87);
            assertThat(letter.get("error").get("type").asText())
                    .isEqualTo("org.apache.kafka.common.errors.NotEnoughReplicasException");
            assertThat(letter.get("error").get("message").asText()).isEqualTo("not enough in-sync replicas");
            assertThat(letter.get("retry_count").asInt()).isEqualTo(3);
            assertThat(letter.get("node_id").asText()).isEqualTo(k.nodeId);
            assertThat(letter.get("correlation_id").asText()).isEqualTo("corr-1");
            assertThat(new String(dlq.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("corr-1");
            assertThat(k.node.metrics().eventsSentToDlq()).isEqualTo(1);
        }
    }

    @Test
    void deadLettersAtOnceWhatTheContractNeverRetries() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            k.producer.failNextSends("quality.assessed.v1", 1, new RecordTooLargeException("record too large"));

            CompletableFuture<Object> call = k.call(EVENT);

            assertThat(call).failsWithin(Duration.ofSeconds(5));
            assertThat(k.producer.sendsTo("quality.assessed.v1")).isEqualTo(1);
            assertThat(k.json(k.sentTo("quality.assessed.v1.dlq").get(0).value()).get("retry_count").asInt())
                    .isEqualTo(1);
        }
    }

    @Test
    void keepsFailuresOutOfTheDlqWhenTheContractTurnsItOff() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start(Map.of("KAFKA_EFFECT_DLQ_ENABLED", "false",
                "KAFKA_EFFECT_MAX_ATTEMPTS", "1"), c -> c)) {
            k.producer.failNextSends("quality.assessed.v1", 1, MockKafkaPipeline.brokerDown());

            assertThat(k.call(EVENT)).failsWithin(Duration.ofSeconds(5));
            assertThat(k.sentTo("quality.assessed.v1.dlq")).isEmpty();
        }
    }

    @Test
    void breakerOpensAfterTheThresholdRejectsWithoutSendingThenHalfOpensAndCloses() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start(Map.of("KAFKA_EFFECT_DLQ_ENABLED", "false"),
                c -> c.toBuilder().resilience(breakerAfterTwo()).build())) {
            List<String> transitions = new CopyOnWriteArrayList<>();
            k.invoker.onBreakerStateChange(s -> transitions.add(s.wireName()));
            k.producer.failNextSends("quality.assessed.v1", 2, MockKafkaPipeline.brokerDown());

            assertThat(k.call(EVENT)).failsWithin(Duration.ofSeconds(5));
            assertThat(k.node.metrics().circuitBreakerStatus()).isEqualTo("closed");
            assertThat(k.call(EVENT)).failsWithin(Duration.ofSeconds(5));
            assertThat(k.node.metrics().circuitBreakerStatus()).isEqualTo("open");

            CompletableFuture<Object> rejected = k.call(EVENT);
            assertThat(rejected).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .withCauseInstanceOf(NodeExecutionException.class)
                    .havingRootCause().isInstanceOf(CallNotPermittedException.class);
            assertThat(k.producer.sendsTo("quality.assessed.v1")).as("sends while open").isEqualTo(2);

            k.clock.advance(Duration.ofSeconds(61));
            KafkaEventOutput trial = (KafkaEventOutput) k.call(EVENT).get(5, TimeUnit.SECONDS);

            assertThat(trial.success()).isTrue();
            assertThat(transitions).containsExactly("open", "half_open", "closed");
            assertThat(k.node.metrics().circuitBreakerStatus()).isEqualTo("closed");
        }
    }

    @Test
    void failedTrialInHalfOpenOpensTheBreakerAgain() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start(Map.of("KAFKA_EFFECT_DLQ_ENABLED", "false"),
                c -> c.toBuilder().resilience(breakerAfterTwo()).build())) {
            k.producer.failNextSends("quality.assessed.v1", 3, MockKafkaPipeline.brokerDown());
            assertThat(k.call(EVENT)).failsWithin(Duration.ofSeconds(5));
            assertThat(k.call(EVENT)).failsWithin(Duration.ofSeconds(5));

            k.clock.advance(Duration.ofSeconds(61));
            assertThat(k.call(EVENT)).failsWithin(Duration.ofSeconds(5));

            assertThat(k.node.metrics().circuitBreakerStatus()).isEqualTo("open");
            assertThat(k.producer.sendsTo("quality.assessed.v1")).isEqualTo(3);
        }
    }
}
