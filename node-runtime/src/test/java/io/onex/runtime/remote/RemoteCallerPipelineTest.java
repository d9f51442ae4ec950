package io.onex.runtime.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.NodeExecutionException;
import io.onex.api.OutboundEvent;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.RetrySpec;
import io.onex.api.topic.TopicName;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.RecordOrigin;
import io.onex.runtime.pipeline.CallOptions;
import io.onex.runtime.pipeline.NodeInvoker;
import io.onex.runtime.resilience.BreakerState;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The caller's pipeline for a node other runtimes run, as its contract here declares it ({@code remote.served:
 * elsewhere}): retry, breaker, per-attempt timeout and dead-lettering around the remote stub, on virtual time.
 */
class RemoteCallerPipelineTest {

    private static final String CONSUMED_TOPIC = "dev.shop.onex.evt.order-placed.v1";

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final PendingReplies pending = new PendingReplies("caller-1");
    /** The requests sent, with the time each was sent. */
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    private record Sent(CallRequest request, Instant at) {
    }

    private NodeInvoker invoker(String yamlTail) throws Exception {
        NodeContract contract = new ContractLoader(Map.of()).parse("""
                name: pricing_compute
                version: 1.0.0
                node_type: compute
                remote:
                  served: elsewhere
                """ + yamlTail, Path.of("pricing_compute.yaml"));
        RemoteNodeStub stub = new RemoteNodeStub("pricing_compute", "dev.shop.onex.cmd.pricing-compute-requested.v1",
                "dev.shop.onex.evt.caller-1-replies.v1", pending, (topic, request, correlationId) -> {
                    sent.add(new Sent(request, clock.instant()));
                    return CompletableFuture.completedFuture(null);
                }, clock, contract.resilience().timeout());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DeadLetterRouter router = new DeadLetterRouter(producer, EnvelopeCodec.defaultMapper(), clock, scheduler,
                new RetrySpec(3, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1), 0, List.of(), List.of()), registry);
        return NodeInvoker.builder().contract(contract).node(stub).nodeId("remote-pricing_compute@caller-1")
                .publisher(new NoPublisher()).deadLetterRouter(router)
                .topicResolver(t -> TopicName.resolve(t, "dev", "shop")).mapper(EnvelopeCodec.defaultMapper())
                .clock(clock).scheduler(scheduler).meterRegistry(registry).build();
    }

    private static final String RETRY_THREE = """
            resilience:
              timeout: 2s
              retry:
                max_attempts: 3
                initial_backoff: 100ms
                multiplier: 2
                jitter: 0
              circuit_breaker:
                enabled: false
            """;

    private static CallOptions forConsumedRecord() {
        RecordOrigin origin = new RecordOrigin(CONSUMED_TOPIC, 2, 41L, "order-7".getBytes(StandardCharsets.UTF_8),
                null, "{\"sku\":\"tea\"}".getBytes(StandardCharsets.UTF_8));
        return CallOptions.builder().origin(origin).build();
    }

    @Test
    void retriesEachUnansweredAttemptAsANewRequestAtTheDeclaredTimeoutThenDeadLettersTheConsumedRecord()
            throws Exception {
        NodeInvoker invoker = invoker(RETRY_THREE);
        Instant start = clock.instant();

        CompletableFuture<Object> call = invoker.invoke(Map.of("sku", "tea"), forConsumedRecord()).toCompletableFuture();
        scheduler.advance(Duration.ofSeconds(10));

        assertThat(sent).extracting(s -> Duration.between(start, s.at()))
                .as("2 s per attempt, then 100 ms and 200 ms of backoff")
                .containsExactly(Duration.ZERO, Duration.ofMillis(2100), Duration.ofMillis(4300));
        assertThat(sent).extracting(s -> s.request().requestId()).doesNotHaveDuplicates();
        assertThat(sent).allSatisfy(s -> assertThat(s.request().deadline()).isEqualTo(s.at().plusSeconds(2)));
        Throwable failure = failureOf(call);
        assertThat(failure).isInstanceOf(NodeExecutionException.class);
        assertThat(((NodeExecutionException) failure).deadLettered()).isTrue();
        assertThat(failure.getCause()).isInstanceOf(TimeoutException.class);
        assertThat(producer.history()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo(CONSUMED_TOPIC + ".dlq");
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("order-7");
        });
        assertThat(pending.waiting()).isZero();
    }

    @Test
    void aLateReplyToAnAttemptThatTimedOutIsDroppedAndTheRetryIsAnswered() throws Exception {
        NodeInvoker invoker = invoker(RETRY_THREE);

        CompletableFuture<Object> call = invoker.invoke(Map.of("sku", "tea"), forConsumedRecord()).toCompletableFuture();
        scheduler.advance(Duration.ofMillis(2100));
        assertThat(sent).hasSize(2);
        pending.accept(CallReply.success(sent.get(0).request(), Map.of("price", 3)));
        pending.accept(CallReply.success(sent.get(1).request(), Map.of("price", 3)));

        assertThat(call).isCompletedWithValue(Map.of("price", 3));
        assertThat(pending.lateReplies()).isEqualTo(1);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void anAttemptWaitsForItsReplyUnderThePipelinesTimeoutAloneWithNoTimerOfItsOwn() throws Exception {
        NodeInvoker invoker = invoker(RETRY_THREE);

        List<CompletableFuture<Object>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(invoker.invoke(Map.of("sku", "tea"), CallOptions.none()).toCompletableFuture());
        }

        assertThat(scheduler.pendingTasks()).as("the pipeline's one timeout sweep, no timer per attempt")
                .isEqualTo(1);
        assertThat(pending.waiting()).isEqualTo(20);
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(sent).hasSize(20);
        assertThat(pending.waiting()).as("each attempt that timed out stops waiting at the pipeline's timeout")
                .isZero();
        pending.accept(CallReply.success(sent.get(0).request(), Map.of("price", 3)));
        assertThat(pending.lateReplies()).isEqualTo(1);
        assertThat(calls).noneMatch(CompletableFuture::isDone);
    }

    @Test
    void aRemoteNonRetryableErrorIsNotRetriedAndDeadLettersTheConsumedRecord() throws Exception {
        NodeInvoker invoker = invoker(RETRY_THREE);

        CompletableFuture<Object> call = invoker.invoke(Map.of("sku", "x"), forConsumedRecord()).toCompletableFuture();
        pending.accept(CallReply.failure(sent.get(0).request(),
                new RemoteError("NonRetryableException", false, "sku x is not sold")));
        scheduler.advance(Duration.ofSeconds(10));

        assertThat(sent).hasSize(1);
        assertThat(failureOf(call)).isInstanceOf(NodeExecutionException.class)
                .hasCauseInstanceOf(RemoteNonRetryableException.class);
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly(CONSUMED_TOPIC + ".dlq");
    }

    @Test
    void aCallNotMadeForARecordFailsBackToItsCallerWithoutADeadLetter() throws Exception {
        NodeInvoker invoker = invoker(RETRY_THREE);

        CompletableFuture<Object> call = invoker.invoke(Map.of("sku", "tea"), CallOptions.none()).toCompletableFuture();
        scheduler.advance(Duration.ofSeconds(10));

        assertThat(sent).hasSize(3);
        assertThat(((NodeExecutionException) failureOf(call)).deadLettered()).isFalse();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void deadLetteringSwitchedOffInTheCallersContractFailsTheRecordBackInstead() throws Exception {
        NodeInvoker invoker = invoker(RETRY_THREE + "dead_letter:\n  enabled: false\n");

        CompletableFuture<Object> call = invoker.invoke(Map.of("sku", "tea"), forConsumedRecord()).toCompletableFuture();
        scheduler.advance(Duration.ofSeconds(10));

        assertThat(((NodeExecutionException) failureOf(call)).deadLettered()).isFalse();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void theCallersBreakerOpensAfterTheDeclaredFailuresAndThenSendsNoRequest() throws Exception {
        NodeInvoker invoker = invoker("""
                resilience:
                  timeout: 1s
                  retry:
                    max_attempts: 1
                  circuit_breaker:
                    failure_threshold: 2
                    wait_in_open: 30s
                """);

        for (int i = 0; i < 2; i++) {
            invoker.invoke(Map.of("sku", "tea"), CallOptions.none());
            scheduler.advance(Duration.ofSeconds(1));
        }
        assertThat(invoker.breakerState()).isEqualTo(BreakerState.OPEN);
        CompletableFuture<Object> rejected = invoker.invoke(Map.of("sku", "tea"), CallOptions.none())
                .toCompletableFuture();
        scheduler.runDue();

        assertThat(rejected).isCompletedExceptionally();
        assertThat(sent).as("no request while the breaker is open").hasSize(2);
    }

    private static Throwable failureOf(CompletableFuture<Object> f) {
        assertThat(f).isCompletedExceptionally();
        return f.handle((v, e) -> e instanceof java.util.concurrent.CompletionException c ? c.getCause() : e).join();
    }

    /** A remote stub publishes nothing through its node publisher. */
    private static final class NoPublisher implements EventPublisher {
        @Override
        public CompletionStage<DeliveryReceipt> publish(OutboundEvent event) {
            throw new UnsupportedOperationException("a remote stub publishes no event");
        }

        @Override
        public CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String key, EventEnvelope envelope) {
            throw new UnsupportedOperationException("a remote stub publishes no event");
        }
    }
}
