package io.onex.runtime.pipeline;

import static io.onex.runtime.pipeline.PipelineFixture.breaker;
import static io.onex.runtime.pipeline.PipelineFixture.breakerOff;
import static io.onex.runtime.pipeline.PipelineFixture.contract;
import static io.onex.runtime.pipeline.PipelineFixture.retry;
import static io.onex.runtime.pipeline.Stages.failure;
import static io.onex.runtime.pipeline.Stages.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.onex.api.ComputeNode;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.NodeContext;
import io.onex.api.NodeExecutionException;
import io.onex.api.OutboundEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeInvokerContextAndMetricsTest {

    private final PipelineFixture fx = new PipelineFixture();
    private final ScriptedNode.Order order = new ScriptedNode.Order("o-1", 2);
    private final EventEnvelope trigger = EventEnvelope.create("ORDER_PLACED", "corr-42", null, fx.clock.instant(),
            new EventSource("omninode_bridge", "orchestrator", "orch-1"), Map.of(), Map.of("id", "o-1"));

    @Test
    void contextCarriesTheCallsIdsTriggerAttemptAndConfig() {
        ScriptedNode node = new ScriptedNode().thenFail(new IllegalStateException("once")).thenSucceed("ok");
        NodeInvoker invoker = fx.invoker(contract(retry(2), breakerOff(), true), node);

        invoker.invoke(order, CallOptions.builder().correlationId("corr-42").causationId(trigger.eventId())
                .trigger(trigger).build());
        fx.scheduler.advance(Duration.ofMillis(100));

        assertThat(node.contexts).hasSize(2);
        NodeContext second = node.contexts.get(1);
        assertThat(second.correlationId()).isEqualTo("corr-42");
        assertThat(second.causationId()).contains(trigger.eventId());
        assertThat(second.trigger()).contains(trigger);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.nodeId()).isEqualTo("order-effect-1");
        assertThat(second.config()).containsEntry("region", "eu");
        assertThat(second.clock()).isSameAs(fx.clock);
        assertThat(second.contract().name()).isEqualTo("order_effect");
    }

    @Test
    void causationDefaultsToTheTriggersEventId() {
        ScriptedNode node = ScriptedNode.alwaysSucceeding();
        fx.invoker(contract(retry(1), breakerOff(), true), node)
                .invoke(order, CallOptions.builder().correlationId("corr-42").trigger(trigger).build());

        assertThat(node.contexts.get(0).causationId()).contains(trigger.eventId());
    }

    @Test
    void generatedCorrelationIdIsAUuidKeptAcrossAttempts() {
        ScriptedNode node = new ScriptedNode().thenFail(new IllegalStateException("once")).thenSucceed("ok");
        NodeInvoker invoker = fx.invoker(contract(retry(2), breakerOff(), true), node);

        invoker.invoke(order, CallOptions.none());
        fx.scheduler.advance(Duration.ofMillis(100));

        String id = node.contexts.get(0).correlationId();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(node.contexts.get(1).correlationId()).isEqualTo(id);
        assertThat(node.contexts.get(0).causationId()).isEmpty();
    }

    @Test
    void eventsPublishedThroughTheContextCarryTheCallsIdsUnlessTheySetTheirOwn() {
        ScriptedNode node = new ScriptedNode().thenDo((in, ctx) -> ctx.publisher()
                .publish(OutboundEvent.builder("onex.evt.order-accepted.v1", "ORDER_ACCEPTED").build())
                .thenCompose(r -> ctx.publisher().publish(OutboundEvent.builder("onex.evt.audit.v1", "AUDIT")
                        .correlationId("own-corr").build()))
                .thenApply(r -> (Object) "published"));
        NodeInvoker invoker = fx.invoker(contract(retry(1), breakerOff(), true), node);

        value(invoker.invoke(order, CallOptions.builder().correlationId("corr-42").trigger(trigger).build()));

        assertThat(fx.publisher.events).hasSize(2);
        OutboundEvent filled = fx.publisher.events.get(0);
        assertThat(filled.correlationId()).isEqualTo("corr-42");
        assertThat(filled.causationId()).isEqualTo(trigger.eventId());
        assertThat(filled.eventType()).isEqualTo("ORDER_ACCEPTED");
        OutboundEvent own = fx.publisher.events.get(1);
        assertThat(own.correlationId()).isEqualTo("own-corr");
        assertThat(own.causationId()).isEqualTo(trigger.eventId());
    }

    @Test
    void metricsCountCallsRetriesDeadLettersAndLatency() {
        ScriptedNode node = new ScriptedNode()
                .thenDo((in, ctx) -> {
                    fx.clock.advance(Duration.ofMillis(40));
                    return CompletableFuture.completedFuture("fast");
                })
                .thenFail(new IllegalStateException("a")).thenFail(new IllegalStateException("b"));
        NodeInvoker invoker = fx.invoker(contract(retry(2), breakerOff(), true), node);

        value(invoker.invoke(order, CallOptions.none()));
        CompletionStage<Object> failed = invoker.invoke(order, CallOptions.none());
        fx.scheduler.advance(Duration.ofMillis(100));
        failure(failed);

        String[] tag = {"node", "order_effect"};
        assertThat(fx.counter("onex.node.calls", "node", "order_effect", "outcome", "success")).isEqualTo(1);
        assertThat(fx.counter("onex.node.calls", "node", "order_effect", "outcome", "failure")).isEqualTo(1);
        assertThat(fx.counter("onex.node.retries", tag)).isEqualTo(1);
        assertThat(fx.counter("onex.node.dead_lettered", tag)).isEqualTo(1);
        assertThat(fx.counter("onex.dlq.routed", "topic", PipelineFixture.PUBLISH_DLQ)).isEqualTo(1);
        Timer latency = fx.registry.find("onex.node.latency").tags(tag).timer();
        assertThat(latency.count()).isEqualTo(2);
        // 40 ms for the first call, 100 ms of backoff for the second: measured on the injected clock
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(140.0);
        assertThat(latency.takeSnapshot().percentileValues()).extracting(p -> p.percentile()).containsExactly(0.5, 0.99);
    }

    @Test
    void breakerAndActiveCallGaugesFollowTheNode() {
        CompletableFuture<Object> pending = new CompletableFuture<>();
        CompletableFuture<Object> trial = new CompletableFuture<>();
        ScriptedNode node = new ScriptedNode().thenDo((in, ctx) -> pending)
                .thenFail(new IllegalStateException("1")).thenFail(new IllegalStateException("2"))
                .thenFail(new IllegalStateException("3")).thenDo((in, ctx) -> trial);
        NodeInvoker invoker = fx.invoker(contract(retry(1), breaker(false), false), node);
        java.time.Instant created = invoker.lastActivity();

        CompletionStage<Object> inFlight = invoker.invoke(order, CallOptions.none());
        assertThat(gauge("onex.node.active_calls")).isEqualTo(1);
        assertThat(invoker.activeCalls()).isEqualTo(1);
        fx.clock.advance(Duration.ofSeconds(5));
        pending.complete("done");
        assertThat(value(inFlight)).isEqualTo("done");
        assertThat(gauge("onex.node.active_calls")).isZero();
        assertThat(invoker.lastActivity()).isEqualTo(created.plusSeconds(5));

        assertThat(gauge("onex.node.breaker.state")).isZero();
        for (int i = 0; i < 3; i++) {
            failure(invoker.invoke(order, CallOptions.none()));
        }
        assertThat(gauge("onex.node.breaker.state")).isEqualTo(1);
        fx.clock.advance(Duration.ofSeconds(31));
        assertThat(gauge("onex.node.breaker.state")).as("half-opens lazily, on the next call").isEqualTo(1);
        CompletionStage<Object> trialCall = invoker.invoke(order, CallOptions.none());
        assertThat(gauge("onex.node.breaker.state")).isEqualTo(2);
        trial.completeExceptionally(new IllegalStateException("trial failed"));
        failure(trialCall);
        assertThat(node.calls()).isEqualTo(5);
        // the trial call failed: open again
        assertThat(gauge("onex.node.breaker.state")).isEqualTo(1);
    }

    @Test
    void disabledBreakerGaugeReadsMinusOne() {
        fx.invoker(contract(retry(1), breakerOff(), false), ScriptedNode.alwaysSucceeding());

        assertThat(gauge("onex.node.breaker.state")).isEqualTo(-1);
    }

    @Test
    void computeNodeRunsSynchronouslyAndItsExceptionsBecomeFailures() {
        ComputeNode<ScriptedNode.Order, Integer> doubler = new ComputeNode<>() {
            @Override
            public Class<ScriptedNode.Order> inputType() {
                return ScriptedNode.Order.class;
            }

            @Override
            public Integer compute(ScriptedNode.Order input, NodeContext context) {
                if (input.quantity() < 0) {
                    throw new IllegalArgumentException("quantity must be >= 0, but was " + input.quantity());
                }
                return input.quantity() * 2;
            }
        };
        NodeInvoker invoker = fx.invoker(contract(retry(1), breakerOff(), false), doubler);

        assertThat(value(invoker.invoke(Map.of("id", "a", "quantity", 21), CallOptions.none()))).isEqualTo(42);
        Throwable t = failure(invoker.invoke(new ScriptedNode.Order("b", -1), CallOptions.none()));
        assertThat(t).isInstanceOf(NodeExecutionException.class);
        assertThat(t.getCause()).hasMessage("quantity must be >= 0, but was -1");
    }

    @Test
    void aNodesOwnMapConversionIsUsedAndJacksonTakesOverWhenItDeclines() {
        List<Map<?, ?>> offered = new ArrayList<>();
        ComputeNode<ScriptedNode.Order, String> node = new ComputeNode<>() {
            @Override
            public Class<ScriptedNode.Order> inputType() {
                return ScriptedNode.Order.class;
            }

            @Override
            public ScriptedNode.Order convertInput(Map<?, ?> input) {
                offered.add(input);
                if (input.containsKey("explode")) {
                    throw new IllegalStateException("cannot convert");
                }
                return input.get("id") instanceof String id && id.startsWith("own") ? new ScriptedNode.Order(id, -7) : null;
            }

            @Override
            public String compute(ScriptedNode.Order input, NodeContext context) {
                return input.id() + ":" + input.quantity();
            }
        };
        NodeInvoker invoker = fx.invoker(contract(retry(1), breakerOff(), false), node);

        assertThat(value(invoker.invoke(Map.of("id", "own-1", "quantity", 3), CallOptions.none()))).isEqualTo("own-1:-7");
        assertThat(value(invoker.invoke(Map.of("id", "other", "quantity", 3), CallOptions.none()))).isEqualTo("other:3");
        assertThat(value(invoker.invoke(Map.of("id", "own-2", "quantity", 4, "explode", true), CallOptions.none())))
                .as("a conversion that throws leaves the input to Jackson").isEqualTo("own-2:4");
        assertThat(value(invoker.invoke(new ScriptedNode.Order("typed", 5), CallOptions.none()))).isEqualTo("typed:5");
        assertThat(offered).hasSize(3);
    }

    private double gauge(String name) {
        return fx.registry.find(name).tags("node", "order_effect").gauge().value();
    }
}
