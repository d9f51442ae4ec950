package io.onex.runtime.pipeline;

import static io.onex.runtime.pipeline.PipelineFixture.breakerOff;
import static io.onex.runtime.pipeline.PipelineFixture.contract;
import static io.onex.runtime.pipeline.PipelineFixture.retry;
import static io.onex.runtime.pipeline.Stages.failure;
import static io.onex.runtime.pipeline.Stages.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.api.AttemptedEvent;
import io.onex.api.DownstreamUnavailableException;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.NodeExecutionException;
import io.onex.api.contract.RetrySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A node names what its attempt sends; the pipeline alone decides the final failure and dead-letters those, once. */
class NodeInvokerAttemptedEventsTest {

    private final PipelineFixture fx = new PipelineFixture();
    private final ScriptedNode.Order order = new ScriptedNode.Order("o-1", 2);
    private final List<AttemptedEvent> deadLettered = new CopyOnWriteArrayList<>();

    private AttemptedEvent event(String topic, String key) {
        EventEnvelope envelope = EventEnvelope.create("ORDER_SHIPPED", "corr-3", null, fx.clock.instant(),
                new EventSource("svc", "effect", "order-effect-1"), Map.of(), Map.of("order", key));
        return new AttemptedEvent(topic, key, envelope, Map.of("x-tenant", "acme"));
    }

    /** A node that says it sends two events, then fails with {@code failure}, every attempt. */
    private ScriptedNode sendingTwoThenFailing(RuntimeException failure) {
        ScriptedNode node = new ScriptedNode();
        for (int i = 0; i < 10; i++) {
            node.thenDo((in, ctx) -> {
                ctx.deadLetterOnFinalFailure(List.of(event("shipments.v1", "k1"), event("audit.v1", "k2")),
                        deadLettered::add);
                return CompletableFuture.failedFuture(failure);
            });
        }
        return node;
    }

    @Test
    void theEventsTheLastAttemptTriedAreDeadLetteredOnceUnderACallsOwnRetryPolicy() {
        NodeInvoker invoker = fx.invoker(contract(retry(2), breakerOff(), true),
                sendingTwoThenFailing(new IllegalStateException("broker refused")));

        CompletionStage<Object> call = invoker.invoke(order, CallOptions.builder().retryOverride(retry(4)).build());
        fx.scheduler.advance(Duration.ofSeconds(5));

        NodeExecutionException e = (NodeExecutionException) failure(call);
        assertThat(e.deadLettered()).isTrue();
        assertThat(e.attempts()).isEqualTo(4);
        assertThat(fx.producer.history()).extracting(ProducerRecord::topic)
                .containsExactly("shipments.v1.dlq", "audit.v1.dlq");
        ProducerRecord<byte[], byte[]> first = fx.producer.history().get(0);
        JsonNode v = fx.json(first);
        assertThat(v.get("original_topic").asText()).isEqualTo("shipments.v1");
        assertThat(v.get("original_envelope").get("payload").get("order").asText()).isEqualTo("k1");
        assertThat(v.get("retry_count").asInt()).isEqualTo(4);
        assertThat(v.get("error").get("type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("k1");
        assertThat(new String(first.headers().lastHeader("x-tenant").value(), StandardCharsets.UTF_8)).isEqualTo("acme");
        assertThat(deadLettered).extracting(AttemptedEvent::key).containsExactlyInAnyOrder("k1", "k2");
        assertThat(fx.counter("onex.node.dead_lettered", "node", "order_effect")).isEqualTo(1);
    }

    @Test
    void aCallThatSucceedsOnALaterAttemptDeadLettersNothing() {
        ScriptedNode node = new ScriptedNode().thenDo((in, ctx) -> {
            ctx.deadLetterOnFinalFailure(List.of(event("shipments.v1", "k1")));
            return CompletableFuture.failedFuture(new IllegalStateException("broker refused"));
        }).thenSucceed("sent");
        NodeInvoker invoker = fx.invoker(contract(retry(3), breakerOff(), true), node);

        CompletionStage<Object> call = invoker.invoke(order, CallOptions.none());
        fx.scheduler.advance(Duration.ofSeconds(1));

        assertThat(value(call)).isEqualTo("sent");
        assertThat(fx.producer.history()).isEmpty();
    }

    @Test
    void aDownstreamOutageIsNotDeadLetteredEvenWithEventsNamed() {
        NodeInvoker invoker = fx.invoker(contract(retry(1), breakerOff(), true),
                sendingTwoThenFailing(new DownstreamUnavailableException("broker down")));

        NodeExecutionException e = (NodeExecutionException) failure(invoker.invoke(order, CallOptions.none()));

        assertThat(e.deadLettered()).isFalse();
        assertThat(fx.producer.history()).isEmpty();
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void nothingIsDeadLetteredWhenTheContractTurnsDeadLettersOff() {
        NodeInvoker invoker = fx.invoker(contract(retry(1), breakerOff(), false),
                sendingTwoThenFailing(new IllegalStateException("broker refused")));

        assertThat(((NodeExecutionException) failure(invoker.invoke(order, CallOptions.none()))).deadLettered())
                .isFalse();
        assertThat(fx.producer.history()).isEmpty();
    }

    @Test
    void theContextClassifiesFailuresByTheRetryPolicyInForceForTheCall() {
        ScriptedNode node = ScriptedNode.alwaysSucceeding();
        NodeInvoker invoker = fx.invoker(contract(retry(3), breakerOff(), true), node);
        RetrySpec neverOnIllegalState = RetrySpec.custom().maxAttempts(2)
                .neverRetryOn(List.of("IllegalStateException")).build();

        value(invoker.invoke(order, CallOptions.none()));
        value(invoker.invoke(order, CallOptions.builder().retryOverride(neverOnIllegalState).build()));

        IllegalStateException failure = new IllegalStateException("x");
        assertThat(node.contexts.get(0).isRetryable(failure)).as("contract's policy").isTrue();
        assertThat(node.contexts.get(1).isRetryable(failure)).as("the call's own policy").isFalse();
    }
}
