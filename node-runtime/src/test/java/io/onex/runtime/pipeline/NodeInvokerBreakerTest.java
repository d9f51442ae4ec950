package io.onex.runtime.pipeline;

import static io.onex.runtime.pipeline.PipelineFixture.breaker;
import static io.onex.runtime.pipeline.PipelineFixture.breakerOff;
import static io.onex.runtime.pipeline.PipelineFixture.contract;
import static io.onex.runtime.pipeline.PipelineFixture.retry;
import static io.onex.runtime.pipeline.Stages.failure;
import static io.onex.runtime.pipeline.Stages.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.onex.api.NodeExecutionException;
import io.onex.api.NonRetryableException;
import io.onex.api.contract.CircuitBreakerSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class NodeInvokerBreakerTest {

    private final PipelineFixture fx = new PipelineFixture();
    private final ScriptedNode.Order order = new ScriptedNode.Order("o-1", 1);

    private void failThreeTimes(NodeInvoker invoker) {
        for (int i = 0; i < 3; i++) {
            failure(invoker.invoke(order, CallOptions.none()));
        }
    }

    @Test
    void opensAtTheThresholdThenRejectsWithoutCallingTheNode() {
        ScriptedNode node = ScriptedNode.alwaysFailing(new IllegalStateException("downstream down"));
        NodeInvoker invoker = fx.invoker(contract(retry(1), breaker(false), true), node);

        failure(invoker.invoke(order, CallOptions.none()));
        failure(invoker.invoke(order, CallOptions.none()));
        assertThat(invoker.breakerState().wireName()).isEqualTo("closed");
        failure(invoker.invoke(order, CallOptions.none()));
        assertThat(invoker.breakerState().wireName()).isEqualTo("open");
        int dlqBefore = fx.producer.history().size();

        Throwable rejected = failure(invoker.invoke(order, CallOptions.none()));

        assertThat(node.calls()).isEqualTo(3);
        assertThat(rejected).isInstanceOf(NodeExecutionException.class);
        NodeExecutionException e = (NodeExecutionException) rejected;
        assertThat(e.deadLettered()).isFalse();
        assertThat(e.getCause()).isInstanceOf(CallNotPermittedException.class);
        assertThat(fx.producer.history()).as("a rejection is not dead-lettered").hasSize(dlqBefore);
    }

    @Test
    void rejectionIsNotRetriedEvenWithAttemptsLeft() {
        ScriptedNode node = ScriptedNode.alwaysFailing(new IllegalStateException("down"));
        NodeInvoker invoker = fx.invoker(contract(retry(3), breaker(false), false), node);
        CompletionStage<Object> first = invoker.invoke(order, CallOptions.none());
        fx.scheduler.advance(Duration.ofSeconds(1));
        failure(first);
        assertThat(invoker.breakerState().wireName()).isEqualTo("open");
        int delaysBefore = fx.backoffDelays().size();

        CompletionStage<Object> rejected = invoker.invoke(order, CallOptions.none());

        assertThat(((NodeExecutionException) failure(rejected)).attempts()).isEqualTo(1);
        assertThat(fx.backoffDelays()).as("no backoff waited out against an open breaker").hasSize(delaysBefore);
        assertThat(node.calls()).isEqualTo(3);
    }

    @Test
    void halfOpensAfterTheWaitOnTheInjectedClockAndClosesOnASuccessfulTrial() {
        ScriptedNode node = new ScriptedNode().thenFail(new IllegalStateException("1"))
                .thenFail(new IllegalStateException("2")).thenFail(new IllegalStateException("3")).thenSucceed("back");
        NodeInvoker invoker = fx.invoker(contract(retry(1), breaker(false), false), node);
        failThreeTimes(invoker);

        fx.clock.advance(Duration.ofSeconds(29));
        failure(invoker.invoke(order, CallOptions.none()));
        assertThat(node.calls()).as("still open before the wait elapsed").isEqualTo(3);

        fx.clock.advance(Duration.ofSeconds(1).plusMillis(1));
        assertThat(value(invoker.invoke(order, CallOptions.none()))).isEqualTo("back");

        assertThat(node.calls()).isEqualTo(4);
        assertThat(invoker.breakerState().wireName()).isEqualTo("closed");
    }

    @Test
    void reopensWhenTheTrialCallFails() {
        ScriptedNode node = ScriptedNode.alwaysFailing(new IllegalStateException("still down"));
        NodeInvoker invoker = fx.invoker(contract(retry(1), breaker(false), false), node);
        failThreeTimes(invoker);
        fx.clock.advance(Duration.ofSeconds(31));

        failure(invoker.invoke(order, CallOptions.none()));

        assertThat(node.calls()).isEqualTo(4);
        assertThat(invoker.breakerState().wireName()).isEqualTo("open");
        assertThat(invoker.flowGate().acceptsWork()).isFalse();
        failure(invoker.invoke(order, CallOptions.none()));
        assertThat(node.calls()).as("rejected again after re-opening").isEqualTo(4);
    }

    @Test
    void flowGateIsClosedWhileOpenAndOpensWhenTheWaitHasElapsed() {
        NodeInvoker invoker = fx.invoker(contract(retry(1), breaker(false), false),
                ScriptedNode.alwaysFailing(new IllegalStateException("down")));
        assertThat(invoker.flowGate().acceptsWork()).isTrue();
        failThreeTimes(invoker);

        assertThat(invoker.flowGate().acceptsWork()).isFalse();
        fx.clock.advance(Duration.ofSeconds(29));
        assertThat(invoker.flowGate().acceptsWork()).isFalse();
        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(invoker.flowGate().acceptsWork()).as("the breaker half-opens only after the wait").isFalse();
        fx.clock.advance(Duration.ofMillis(1));
        assertThat(invoker.flowGate().acceptsWork()).isTrue();
    }

    @Test
    void flowGateLimitsWorkToTheTrialCallsOnceTheWaitHasElapsedUntilTheBreakerCloses() {
        ScriptedNode node = new ScriptedNode().thenFail(new IllegalStateException("1"))
                .thenFail(new IllegalStateException("2")).thenFail(new IllegalStateException("3")).thenSucceed("ok");
        NodeInvoker invoker = fx.invoker(contract(retry(1), breaker(false), false), node);
        assertThat(invoker.flowGate().trialCalls()).as("closed: not limited").isEmpty();
        failThreeTimes(invoker);
        assertThat(invoker.flowGate().trialCalls()).as("open and waiting: no work at all").isEmpty();

        fx.clock.advance(Duration.ofSeconds(30).plusMillis(1));
        assertThat(invoker.flowGate().trialCalls()).as("wait elapsed").hasValue(1);

        assertThat(value(invoker.invoke(order, CallOptions.none()))).isEqualTo("ok");
        assertThat(invoker.breakerState().wireName()).isEqualTo("closed");
        assertThat(invoker.flowGate().trialCalls()).isEmpty();
    }

    @Test
    void stateChangeListenersSeeEveryTransition() {
        ScriptedNode node = new ScriptedNode().thenFail(new IllegalStateException("1"))
                .thenFail(new IllegalStateException("2")).thenFail(new IllegalStateException("3")).thenSucceed("ok");
        NodeInvoker invoker = fx.invoker(contract(retry(1), breaker(false), false), node);
        List<String> seen = new CopyOnWriteArrayList<>();
        invoker.onBreakerStateChange(s -> seen.add(s.wireName()));

        failThreeTimes(invoker);
        fx.clock.advance(Duration.ofSeconds(31));
        value(invoker.invoke(order, CallOptions.none()));

        assertThat(seen).containsExactly("open", "half_open", "closed");
    }

    @Test
    void rejectionIsDeadLetteredWhenTheContractSaysSo() {
        ScriptedNode node = ScriptedNode.alwaysFailing(new IllegalStateException("down"));
        NodeInvoker invoker = fx.invoker(contract(retry(1), breaker(true), true), node);
        failThreeTimes(invoker);
        int before = fx.producer.history().size();

        NodeExecutionException e = (NodeExecutionException) failure(invoker.invoke(order, CallOptions.none()));

        assertThat(e.deadLettered()).isTrue();
        assertThat(e.getCause()).isInstanceOf(CallNotPermittedException.class);
        assertThat(fx.producer.history()).hasSize(before + 1);
    }

    @Test
    void nonRetryableFailuresDoNotCountAgainstTheBreaker() {
        ScriptedNode node = ScriptedNode.alwaysFailing(new NonRetryableException("bad order"));
        NodeInvoker invoker = fx.invoker(contract(retry(1), breaker(false), false), node);

        for (int i = 0; i < 5; i++) {
            failure(invoker.invoke(order, CallOptions.none()));
        }

        assertThat(invoker.breakerState().wireName()).isEqualTo("closed");
        assertThat(node.calls()).isEqualTo(5);
    }

    @Test
    void disabledBreakerNeverRejectsAndReportsDisabled() {
        ScriptedNode node = ScriptedNode.alwaysFailing(new IllegalStateException("down"));
        NodeInvoker invoker = fx.invoker(contract(retry(1), breakerOff(), false), node);

        for (int i = 0; i < 10; i++) {
            failure(invoker.invoke(order, CallOptions.none()));
        }

        assertThat(node.calls()).isEqualTo(10);
        assertThat(invoker.breakerState().wireName()).isEqualTo("disabled");
        assertThat(invoker.flowGate().acceptsWork()).isTrue();
    }

    @Test
    void failureRateWindowOpensOnlyWhenTheRateIsReached() {
        // 50% over a window of 4: two failures among four calls open it, one does not
        CircuitBreakerSpec half = new CircuitBreakerSpec(true, 50f, 4, 4, Duration.ofSeconds(10), 1, false);
        ScriptedNode node = new ScriptedNode().thenSucceed("a").thenFail(new IllegalStateException("x"))
                .thenSucceed("b").thenSucceed("c").thenFail(new IllegalStateException("y"));
        NodeInvoker invoker = fx.invoker(contract(retry(1), half, false), node);

        for (int i = 0; i < 4; i++) {
            invoker.invoke(order, CallOptions.none());
        }
        assertThat(invoker.breakerState().wireName()).isEqualTo("closed");
        invoker.invoke(order, CallOptions.none());
        assertThat(invoker.breakerState().wireName()).isEqualTo("open");
    }
}
