package io.onex.nodes.kafkaeffect;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.contract.RetrySpec;
import io.onex.runtime.pipeline.CallOptions;
import io.onex.runtime.testing.DeadLetterRecord;
import io.onex.runtime.testing.NodeTestKit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.Test;

/**
 * A workflow step with its own {@code retry:} (a per-call retry override, as {@code RuntimeWorkflows} passes it) calls
 * the real node on the kit's MockProducer: the pipeline, with the policy in force for that call, decides which
 * attempt is the last, and the event the node tried is dead-lettered exactly once.
 */
class NodeKafkaEventEffectStepRetryTest {

    private static final Path CONTRACT = Path.of("../contracts/kafka_event_effect.yaml");
    private static final String TOPIC = "quality.assessed.v1";
    private static final Map<String, Object> EVENT = Map.of("topic", TOPIC, "event_type", "QUALITY_ASSESSED",
            "payload", Map.of("quality_score", 0.87), "correlation_id", "corr-7", "partition_key", "doc-7",
            "headers", Map.of("x-tenant", "acme"));

    private static CallOptions stepRetrying(int attempts) {
        return CallOptions.builder().correlationId("corr-7").retryOverride(RetrySpec.custom()
                .maxAttempts(attempts).initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(1)).jitter(0)
                .build()).build();
    }

    @Test
    void aStepRetryingMoreThanTheContractDeadLettersTheEventOnceAfterItsLastAttempt() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).holdSends().build()) {
            assertThat(kit.contract().resilience().retry().maxAttempts()).isEqualTo(3);

            CompletableFuture<Object> call = kit.call(EVENT, stepRetrying(5));
            refuseEverySend(kit, call);

            assertThat(call).isCompletedExceptionally();
            assertThat(sendsTo(kit, TOPIC)).isEqualTo(5);
            assertThat(kit.deadLetters()).singleElement().satisfies(letter -> isTheTriedEvent(letter, 5));
        }
    }

    @Test
    void aStepRetryingLessThanTheContractStillDeadLettersTheEventOnce() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).holdSends().build()) {
            CompletableFuture<Object> call = kit.call(EVENT, stepRetrying(2));
            refuseEverySend(kit, call);

            assertThat(call).isCompletedExceptionally();
            assertThat(sendsTo(kit, TOPIC)).isEqualTo(2);
            assertThat(kit.deadLetters()).singleElement().satisfies(letter -> isTheTriedEvent(letter, 2));
        }
    }

    @Test
    void aStepWithOneAttemptDeadLettersTheEventOnce() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(CONTRACT).holdSends().build()) {
            CompletableFuture<Object> call = kit.call(EVENT, stepRetrying(1));
            refuseEverySend(kit, call);

            assertThat(call).isCompletedExceptionally();
            assertThat(kit.deadLetters()).singleElement().satisfies(letter -> isTheTriedEvent(letter, 1));
        }
    }

    /** Refuses every send of the event, acknowledges everything else (heartbeats, dead letters), until the call ends. */
    private static void refuseEverySend(NodeTestKit kit, CompletableFuture<Object> call) {
        for (int round = 0; round < 20 && !call.isDone(); round++) {
            if (kit.acknowledgeSendsUntil(TOPIC)) {
                kit.refuseNextSend(new NotEnoughReplicasException("not enough in-sync replicas"));
            }
            kit.advance(Duration.ofSeconds(2)); // past any backoff of the step's policy
        }
        kit.acknowledgeAllSends();
        kit.advance(Duration.ofSeconds(30)); // a dead-letter write would be retried within this
        kit.acknowledgeAllSends();
    }

    private static long sendsTo(NodeTestKit kit, String topic) {
        return kit.producer().history().stream().filter(r -> r.topic().equals(topic)).count();
    }

    private static void isTheTriedEvent(DeadLetterRecord letter, int attempts) {
        assertThat(letter.topic()).isEqualTo(TOPIC + ".dlq");
        assertThat(letter.originalTopic()).isEqualTo(TOPIC);
        assertThat(letter.key()).isEqualTo("doc-7");
        assertThat(letter.retryCount()).isEqualTo(attempts);
        assertThat(letter.errorType()).isEqualTo(NotEnoughReplicasException.class.getName());
        assertThat(letter.originalEnvelope()).containsEntry("event_type", "QUALITY_ASSESSED")
                .containsEntry("correlation_id", "corr-7");
        assertThat(letter.headers().lastHeader("x-tenant")).isNotNull();
    }
}
