package io.onex.runtime.pipeline;

import static io.onex.runtime.pipeline.PipelineFixture.breakerOff;
import static io.onex.runtime.pipeline.PipelineFixture.contract;
import static io.onex.runtime.pipeline.PipelineFixture.retry;
import static io.onex.runtime.pipeline.Stages.failure;
import static io.onex.runtime.pipeline.Stages.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.InvalidInputException;
import io.onex.api.NodeExecutionException;
import io.onex.api.NonRetryableException;
import io.onex.api.contract.RetrySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class NodeInvokerRetryTest {

    private final PipelineFixture fx = new PipelineFixture();
    private final ScriptedNode.Order order = new ScriptedNode.Order("o-1", 2);

    @Test
    void retriesWithExponentialBackoffCappedAtMaxThenSucceeds() {
        ScriptedNode node = new ScriptedNode().thenFail(new IllegalStateException("1")).thenFail(
                new IllegalStateException("2")).thenFail(new IllegalStateException("3")).thenSucceed("done");
        NodeInvoker invoker = fx.invoker(contract(retry(4), breakerOff(), true), node);

        CompletionStage<Object> call = invoker.invoke(order, CallOptions.none());
        assertThat(node.calls()).isEqualTo(1);
        fx.scheduler.advance(Duration.ofMillis(99));
        assertThat(node.calls()).as("no retry before the first backoff elapsed").isEqualTo(1);
        fx.scheduler.advance(Duration.ofMillis(1));
        assertThat(node.calls()).isEqualTo(2);
        fx.scheduler.advance(Duration.ofMillis(200));
        fx.scheduler.advance(Duration.ofMillis(300));

        assertThat(value(call)).isEqualTo("done");
        assertThat(node.calls()).isEqualTo(4);
        // 100 * 2^(n-1), capped at 300
        assertThat(fx.backoffDelays()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(300));
        assertThat(node.contexts).extracting(c -> c.attempt()).containsExactly(1, 2, 3, 4);
        assertThat(fx.producer.history()).isEmpty();
    }

    @Test
    void theAttemptsOfOneCallShareTheStateTheNodeKeepsAndAnotherCallHasItsOwn() {
        ScriptedNode node = new ScriptedNode().thenFail(new IllegalStateException("1")).thenSucceed("done")
                .thenSucceed("again");
        NodeInvoker invoker = fx.invoker(contract(retry(4), breakerOff(), false), node);

        CompletionStage<Object> first = invoker.invoke(order, CallOptions.none());
        fx.scheduler.advance(Duration.ofMillis(100));
        assertThat(value(first)).isEqualTo("done");
        CompletionStage<Object> second = invoker.invoke(order, CallOptions.none());
        assertThat(value(second)).isEqualTo("again");

        Object keptByTheFirstCall = node.contexts.get(0).callState(Object::new);
        assertThat(node.contexts.get(1).callState(Object::new)).as("the first call's retry")
                .isSameAs(keptByTheFirstCall);
        assertThat(node.contexts.get(2).callState(Object::new)).as("another call").isNotSameAs(keptByTheFirstCall);
    }

    @Test
    void jitterKeepsEveryWaitWithinItsBoundsAndVariesIt() {
        RetrySpec jittered = new RetrySpec(4, Duration.ofMillis(100), 2.0, Duration.ofSeconds(10), 0.5, List.of(), List.of());
        NodeInvoker invoker = fx.invoker(contract(jittered, breakerOff(), false),
                ScriptedNode.alwaysFailing(new IllegalStateException("down")));
        int calls = 25;
        for (int i = 0; i < calls; i++) {
            CompletionStage<Object> call = invoker.invoke(order, CallOptions.none());
            fx.scheduler.advance(Duration.ofSeconds(2));
            assertThat(failure(call)).isInstanceOf(NodeExecutionException.class);
        }
        List<Duration> delays = fx.backoffDelays();
        assertThat(delays).hasSize(calls * 3);
        List<Long> firstWaits = new ArrayList<>();
        for (int i = 0; i < delays.size(); i++) {
            long base = 100L << (i % 3);
            long ms = delays.get(i).toMillis();
            assertThat(ms).as("retry %d wait", i % 3 + 1).isBetween(base / 2, base + base / 2);
            if (i % 3 == 0) {
                firstWaits.add(ms);
            }
        }
        assertThat(firstWaits.stream().distinct().count()).as("jitter spreads the waits").isGreaterThan(1);
    }

    @Test
    void nonRetryableFailureIsNotRetriedAndIsDeadLettered() {
        ScriptedNode node = ScriptedNode.alwaysFailing(new NonRetryableException("order o-1 violates a constraint"));
        NodeInvoker invoker = fx.invoker(contract(retry(5), breakerOff(), true), node);

        CompletionStage<Object> call = invoker.invoke(order, CallOptions.none());
        fx.scheduler.advance(Duration.ofSeconds(5));

        NodeExecutionException e = (NodeExecutionException) failure(call);
        assertThat(node.calls()).isEqualTo(1);
        assertThat(fx.backoffDelays()).isEmpty();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.deadLettered()).isTrue();
        assertThat(e.getCause()).isInstanceOf(NonRetryableException.class);
        assertThat(fx.producer.history()).singleElement()
                .satisfies(r -> assertThat(r.topic()).isEqualTo(PipelineFixture.PUBLISH_DLQ));
    }

    @Test
    void nonRetryableCauseAnywhereInTheChainSkipsRetries() {
        ScriptedNode node = ScriptedNode.alwaysFailing(
                new IllegalStateException("wrapped", new InvalidInputException("field 'id' is missing")));
        NodeInvoker invoker = fx.invoker(contract(retry(5), breakerOff(), false), node);

        CompletionStage<Object> call = invoker.invoke(order, CallOptions.none());
        fx.scheduler.advance(Duration.ofSeconds(5));

        assertThat(failure(call)).isInstanceOf(NodeExecutionException.class);
        assertThat(node.calls()).isEqualTo(1);
    }

    @Test
    void neverRetryOnMatchesSimpleNamesAndSuperclasses() {
        RetrySpec bySimpleName = new RetrySpec(5, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0, List.of(),
                List.of("IllegalStateException"));
        ScriptedNode a = ScriptedNode.alwaysFailing(new IllegalStateException("no"));
        CompletionStage<Object> first = fx.invoker(contract(bySimpleName, breakerOff(), false), a)
                .invoke(order, CallOptions.none());

        RetrySpec bySuperclass = new RetrySpec(5, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0, List.of(),
                List.of("java.lang.IllegalArgumentException"));
        ScriptedNode b = ScriptedNode.alwaysFailing(new NumberFormatException("not a number"));
        CompletionStage<Object> second = fx.invoker(contract(bySuperclass, breakerOff(), false), b)
                .invoke(order, CallOptions.none());
        fx.scheduler.advance(Duration.ofSeconds(5));

        assertThat(failure(first)).isInstanceOf(NodeExecutionException.class);
        assertThat(failure(second)).isInstanceOf(NodeExecutionException.class);
        assertThat(a.calls()).isEqualTo(1);
        assertThat(b.calls()).isEqualTo(1);
    }

    @Test
    void retryOnRetriesOnlyTheListedFailures() {
        RetrySpec onlyIo = new RetrySpec(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0,
                List.of("java.io.UncheckedIOException"), List.of());
        ScriptedNode io = ScriptedNode.alwaysFailing(new UncheckedIOException(new IOException("reset")));
        ScriptedNode other = ScriptedNode.alwaysFailing(new IllegalStateException("bug"));
        CompletionStage<Object> ioCall = fx.invoker(contract(onlyIo, breakerOff(), false), io)
                .invoke(order, CallOptions.none());
        CompletionStage<Object> otherCall = fx.invoker(contract(onlyIo, breakerOff(), false), other)
                .invoke(order, CallOptions.none());
        fx.scheduler.advance(Duration.ofSeconds(5));

        assertThat(((NodeExecutionException) failure(ioCall)).attempts()).isEqualTo(3);
        assertThat(io.calls()).isEqualTo(3);
        assertThat(((NodeExecutionException) failure(otherCall)).attempts()).isEqualTo(1);
        assertThat(other.calls()).isEqualTo(1);
    }

    @Test
    void retriesExhaustedRouteTheLastFailureToTheDeadLetterTopic() {
        ScriptedNode node = new ScriptedNode().thenFail(new IllegalStateException("first"))
                .thenFail(new IllegalStateException("second")).thenFail(new IllegalStateException("third"));
        NodeInvoker invoker = fx.invoker(contract(retry(3), breakerOff(), true), node);

        CompletionStage<Object> call = invoker.invoke(order, CallOptions.none());
        fx.scheduler.advance(Duration.ofSeconds(1));

        NodeExecutionException e = (NodeExecutionException) failure(call);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.deadLettered()).isTrue();
        assertThat(e.getCause()).hasMessage("third");
        assertThat(e.nodeName()).isEqualTo("order_effect");
        assertThat(fx.producer.history()).hasSize(1);
    }

    @Test
    void finalFailureGoesBackToTheCallerWhenDeadLetteringIsDisabled() {
        NodeInvoker invoker = fx.invoker(contract(retry(2), breakerOff(), false),
                ScriptedNode.alwaysFailing(new IllegalStateException("down")));

        CompletionStage<Object> call = invoker.invoke(order, CallOptions.none());
        fx.scheduler.advance(Duration.ofSeconds(1));

        NodeExecutionException e = (NodeExecutionException) failure(call);
        assertThat(e.deadLettered()).isFalse();
        assertThat(e.attempts()).isEqualTo(2);
        assertThat(fx.producer.history()).isEmpty();
    }

    @Test
    void nodeThrowingSynchronouslyIsRetriedLikeAFailedStage() {
        ScriptedNode node = new ScriptedNode().thenThrow(new IllegalStateException("threw")).thenSucceed("fine");
        NodeInvoker invoker = fx.invoker(contract(retry(3), breakerOff(), true), node);

        CompletionStage<Object> call = invoker.invoke(order, CallOptions.none());
        fx.scheduler.advance(Duration.ofMillis(100));

        assertThat(value(call)).isEqualTo("fine");
        assertThat(node.calls()).isEqualTo(2);
    }

    @Test
    void mapInputIsConvertedToTheNodesInputType() {
        ScriptedNode node = ScriptedNode.alwaysSucceeding();
        NodeInvoker invoker = fx.invoker(contract(retry(1), breakerOff(), true), node);

        CompletionStage<Object> call = invoker.invoke(Map.of("id", "o-9", "quantity", 3), CallOptions.none());

        assertThat(value(call)).isEqualTo("ok:o-9");
        assertThat(node.inputs).containsExactly(new ScriptedNode.Order("o-9", 3));
    }

    @Test
    void unconvertibleInputFailsWithoutCallingTheNodeOrRetrying() {
        ScriptedNode node = ScriptedNode.alwaysSucceeding();
        NodeInvoker invoker = fx.invoker(contract(retry(3), breakerOff(), false), node);

        CompletionStage<Object> call = invoker.invoke(Map.of("id", "o-9", "quantity", "many"), CallOptions.none());
        fx.scheduler.advance(Duration.ofSeconds(1));

        NodeExecutionException e = (NodeExecutionException) failure(call);
        assertThat(e.getCause()).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("input of node order_effect cannot be converted to Order: ");
        assertThat(node.calls()).isZero();
        assertThat(fx.backoffDelays()).isEmpty();
    }

    @Test
    void perCallRetryOverrideReplacesTheContractPolicy() {
        ScriptedNode node = ScriptedNode.alwaysFailing(new IllegalStateException("down"));
        NodeInvoker invoker = fx.invoker(contract(retry(5), breakerOff(), false), node);

        CompletionStage<Object> call = invoker.invoke(order, CallOptions.builder().retryOverride(retry(2)).build());
        fx.scheduler.advance(Duration.ofSeconds(5));

        assertThat(((NodeExecutionException) failure(call)).attempts()).isEqualTo(2);
        assertThat(node.calls()).isEqualTo(2);
    }
}
