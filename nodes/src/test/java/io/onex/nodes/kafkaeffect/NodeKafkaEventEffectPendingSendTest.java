package io.onex.nodes.kafkaeffect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A send the producer still holds when the pipeline's per-attempt timeout (5 s) gives up on it, as during a broker
 * outage shorter than {@code delivery.timeout.ms}: the retry must not start a second send of the same call, and every
 * send of one call carries the same event id (docs/faults.md, defect 5).
 */
class NodeKafkaEventEffectPendingSendTest {

    private static final String TOPIC = "quality.assessed.v1";
    private static final Map<String, Object> EVENT = Map.of("topic", TOPIC, "event_type", "QUALITY_ASSESSED",
            "payload", Map.of("quality_score", 0.87), "correlation_id", "corr-1");
    private static final Duration PAST_THE_TIMEOUT = Duration.ofMillis(5_001);
    private static final Duration PAST_ANY_BACKOFF = Duration.ofMillis(500);

    @Test
    void aRetryAfterTheTimeoutWaitsForTheSendStillPendingInsteadOfSendingAgain() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.startHoldingAcks(c -> c)) {
            CompletableFuture<Object> call = k.call(EVENT);
            k.scheduler.advance(PAST_THE_TIMEOUT); // attempt 1 times out, its send still in the producer
            k.scheduler.advance(PAST_ANY_BACKOFF); // attempt 2 starts

            assertThat(k.producer.sendsTo(TOPIC)).as("sends made by the call's two attempts").isEqualTo(1);
            assertThat(call).isNotDone();

            k.producer.completeNext(); // the broker is back: the first send lands
            KafkaEventOutput out = (KafkaEventOutput) call.get(5, TimeUnit.SECONDS);
            assertThat(out.success()).isTrue();
            assertThat(k.producer.history()).hasSize(1);
            assertThat(out.eventId()).isEqualTo(eventId(k, k.producer.history().get(0)));
            assertThat(k.sentTo(TOPIC + ".dlq")).isEmpty();
        }
    }

    @Test
    void anAttemptAfterThePendingSendLandedAnswersWithItsReceipt() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.startHoldingAcks(c -> c)) {
            CompletableFuture<Object> call = k.call(EVENT);
            k.scheduler.advance(PAST_THE_TIMEOUT);
            k.scheduler.advance(PAST_ANY_BACKOFF);
            k.scheduler.advance(PAST_THE_TIMEOUT); // attempt 2, waiting on the same send, times out too
            k.producer.completeNext(); // the send lands between attempts 2 and 3
            k.scheduler.advance(Duration.ofSeconds(1)); // attempt 3

            KafkaEventOutput out = (KafkaEventOutput) call.get(5, TimeUnit.SECONDS);
            assertThat(out.success()).isTrue();
            assertThat(k.producer.sendsTo(TOPIC)).isEqualTo(1);
            assertThat(out.eventId()).isEqualTo(eventId(k, k.producer.history().get(0)));
        }
    }

    @Test
    void aRetryAfterThePendingSendFailedSendsTheSameEnvelopeAgain() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.startHoldingAcks(c -> c)) {
            CompletableFuture<Object> call = k.call(EVENT);
            k.scheduler.advance(PAST_THE_TIMEOUT);
            k.scheduler.advance(PAST_ANY_BACKOFF); // attempt 2 waits on the send of attempt 1
            k.producer.errorNext(MockKafkaPipeline.brokerDown()); // delivery.timeout.ms: it failed for good
            k.scheduler.advance(PAST_ANY_BACKOFF); // attempt 3 sends again

            assertThat(k.producer.sendsTo(TOPIC)).isEqualTo(2);
            k.producer.completeNext();
            KafkaEventOutput out = (KafkaEventOutput) call.get(5, TimeUnit.SECONDS);
            List<ProducerRecord<byte[], byte[]>> sent = k.producer.history();
            assertThat(sent).hasSize(2);
            assertThat(eventId(k, sent.get(1))).as("the retry's envelope").isEqualTo(eventId(k, sent.get(0)))
                    .isEqualTo(out.eventId());
        }
    }

    @Test
    void eachAttemptOfOneCallSendsTheSameEventId() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            k.producer.failNextSends(TOPIC, 2, MockKafkaPipeline.brokerDown());
            CompletableFuture<Object> call = k.call(EVENT);
            k.scheduler.advance(Duration.ofSeconds(1));

            KafkaEventOutput out = (KafkaEventOutput) call.get(5, TimeUnit.SECONDS);
            assertThat(k.producer.sendsTo(TOPIC)).isEqualTo(3);
            assertThat(k.node.metrics().retriesAttempted()).isEqualTo(2);
            assertThat(out.eventId()).isEqualTo(eventId(k, k.producer.history().get(0)));
            // a second call is another event
            CompletableFuture<Object> next = k.call(EVENT);
            assertThat(((KafkaEventOutput) next.get(5, TimeUnit.SECONDS)).eventId()).isNotEqualTo(out.eventId());
        }
    }

    @Test
    void aRetriedAtomicBatchWaitsForItsTransactionStillCommittingInsteadOfCommittingAgain() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            k.transactional.holdCommits(); // the commit waits for the broker
            CompletableFuture<Object> call = k.call(Map.of("operation", "publish_batch", "atomic", true,
                    "topic", TOPIC, "event_type", "QUALITY_ASSESSED",
                    "events", List.of(Map.of("payload", Map.of("n", 1)), Map.of("payload", Map.of("n", 2)))));
            await().atMost(Duration.ofSeconds(5)).until(() -> k.transactional.sendsTo(TOPIC) == 2);
            k.scheduler.advance(PAST_THE_TIMEOUT);
            k.scheduler.advance(PAST_ANY_BACKOFF); // attempt 2

            k.transactional.releaseCommits();
            KafkaEventOutput out = (KafkaEventOutput) call.get(5, TimeUnit.SECONDS);
            assertThat(out.success()).isTrue();
            assertThat(k.transactional.commitCount()).as("transactions committed for one call").isEqualTo(1);
            assertThat(k.transactional.history()).hasSize(2);
            assertThat(out.results()).extracting(KafkaEventOutput::eventId).containsExactly(
                    eventId(k, k.transactional.history().get(0)), eventId(k, k.transactional.history().get(1)));
        }
    }

    @Test
    void aCommitNotConfirmedInTimeIsAwaitedAgainInsteadOfAbortedAndCommittedByARetry() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            k.transactional.failNextCommits(2,
                    new org.apache.kafka.common.errors.TimeoutException("commit not confirmed within 10000 ms"));
            CompletableFuture<Object> call = k.call(Map.of("operation", "publish_batch", "atomic", true,
                    "topic", TOPIC, "event_type", "QUALITY_ASSESSED",
                    "events", List.of(Map.of("payload", Map.of("n", 1)))));
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                k.scheduler.advance(PAST_ANY_BACKOFF); // lets the retries of an aborted batch run
                return call.isDone();
            });

            assertThat(((KafkaEventOutput) call.get(5, TimeUnit.SECONDS)).success()).isTrue();
            assertThat(k.transactional.aborts()).as("transactions aborted").isZero();
            assertThat(k.transactional.commitCount()).isEqualTo(1);
            assertThat(k.transactional.sendsTo(TOPIC)).as("sends: no second transaction").isEqualTo(1);
        }
    }

    private static String eventId(MockKafkaPipeline k, ProducerRecord<byte[], byte[]> record) {
        return k.json(record.value()).get("event_id").asText();
    }
}
