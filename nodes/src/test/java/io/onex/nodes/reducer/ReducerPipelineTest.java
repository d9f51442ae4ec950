package io.onex.nodes.reducer;

import static io.onex.api.bridge.ReducerEventFields.*;
import static io.onex.nodes.reducer.ReducerFixture.stamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeExecutionException;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.ResilienceSpec;
import io.onex.api.contract.RetrySpec;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.pipeline.CallOptions;
import io.onex.runtime.pipeline.NodeInvoker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The reducer behind the runtime's real pipeline (retry, breaker, per-attempt timeout, DLQ) on a manual scheduler:
 * what the consumer sees for a record is what these calls return.
 */
class ReducerPipelineTest {

    private static final String ORIGIN = "dev.omninode_bridge.onex.evt.metadata-stamp-created.v1";

    private final MockProducer<byte[], byte[]> dlqProducer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());

    @Test
    void eventsOfAWindowThatCouldNotBePublishedAreRetriedIntoANewWindowAndCountedOnce() {
        ReducerFixture f = new ReducerFixture(2, "3s");
        NodeInvoker invoker = invoker(f, c -> c);
        EventEnvelope a = stamp("docs", 10, "md", "wf-1");
        EventEnvelope b = stamp("docs", 20, "md", "wf-2");

        CompletableFuture<Object> first = call(invoker, a);
        f.publisher.failNext(new IllegalStateException("broker unavailable"));
        CompletableFuture<Object> second = call(invoker, b);
        assertThat(f.sent(AGGREGATION_FAILED)).hasSize(1);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();

        f.scheduler.advance(Duration.ofSeconds(2)); // the backoff (500 ms ± 20%) ends: both attempts come again

        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        WindowAggregate window = (WindowAggregate) second.join();
        assertThat(first.join()).isSameAs(window);
        assertThat(window.itemsProcessed()).isEqualTo(2);
        assertThat(f.onlyPayload(AGGREGATION_COMPLETED)).containsEntry(TOTAL_STAMPS, 2L)
                .containsEntry(TOTAL_SIZE_BYTES, 30L);
        assertThat(f.node.totals().get("docs").totalStamps()).isEqualTo(2);
        assertThat(dlqProducer.history()).isEmpty();
    }

    @Test
    void anAttemptThatTimedOutWaitingForItsWindowIsRetriedWithoutCountingTwice() {
        ReducerFixture f = new ReducerFixture(100, "3s");
        // shorter than the window (the shipped contract refuses that): the first attempt times out at 2 s
        NodeInvoker invoker = invoker(f, c -> c.toBuilder().resilience(new ResilienceSpec(Duration.ofSeconds(2),
                c.resilience().retry(), c.resilience().circuitBreaker())).build());

        CompletableFuture<Object> call = call(invoker, stamp("docs", 10, "md", "wf-1"));
        f.scheduler.advance(Duration.ofMillis(2_700)); // timed out at 2 s, attempt 2 at 2.4-2.6 s: same window
        assertThat(call).isNotDone();
        assertThat(f.node.openWindowItems()).containsExactly(Map.entry("docs", 1));

        f.scheduler.advance(Duration.ofMillis(300)); // the window closes by time at 3 s

        WindowAggregate window = (WindowAggregate) call.join();
        assertThat(window.itemsProcessed()).isEqualTo(1);
        assertThat(f.onlyPayload(AGGREGATION_COMPLETED)).containsEntry(TOTAL_STAMPS, 1L)
                .containsEntry(WINDOW_CLOSE_REASON, CLOSE_REASON_TIME);
        assertThat(f.sent(AGGREGATION_STARTED)).hasSize(1);
    }

    @Test
    void anUnreadablePayloadIsDeadLetteredAtOnceWithoutOpeningAWindow() {
        ReducerFixture f = new ReducerFixture(2, "3s");
        NodeInvoker invoker = invoker(f, c -> c);
        EventEnvelope bad = ReducerFixture.envelope("METADATA_STAMP_CREATED", null, Map.of("namespace", "docs"));

        CompletableFuture<Object> call = call(invoker, bad);

        assertThatThrownBy(call::join).cause().isInstanceOf(NodeExecutionException.class)
                .satisfies(e -> assertThat(((NodeExecutionException) e).deadLettered()).isTrue())
                .hasRootCauseInstanceOf(InvalidInputException.class);
        assertThat(dlqProducer.history()).singleElement()
                .satisfies(r -> assertThat(r.topic()).isEqualTo(ORIGIN + ".dlq"));
        assertThat(f.publisher.attempts()).isEmpty();
    }

    private NodeInvoker invoker(ReducerFixture f, UnaryOperator<NodeContract> tweak) {
        EnvelopeCodec codec = new EnvelopeCodec();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DeadLetterRouter router = new DeadLetterRouter(dlqProducer, codec.mapper(), f.clock, f.scheduler,
                new RetrySpec(1, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0, List.of(), List.of()),
                registry);
        return NodeInvoker.builder().contract(tweak.apply(f.contract)).node(f.node).nodeId("bridge-reducer-test1")
                .publisher(f.publisher).deadLetterRouter(router).topicResolver(t -> "dev.omninode_bridge." + t)
                .mapper(codec.mapper()).clock(f.clock).scheduler(f.scheduler).meterRegistry(registry).build();
    }

    private static CompletableFuture<Object> call(NodeInvoker invoker, EventEnvelope event) {
        return invoker.invoke(event, CallOptions.builder().correlationId(event.correlationId())
                .causationId(event.eventId()).trigger(event).deadLetterTopic(ORIGIN).build()).toCompletableFuture();
    }
}
