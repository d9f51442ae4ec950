package io.onex.runtime.pipeline;

import static io.onex.runtime.pipeline.PipelineFixture.breakerOff;
import static io.onex.runtime.pipeline.PipelineFixture.contract;
import static io.onex.runtime.pipeline.PipelineFixture.retry;
import static io.onex.runtime.pipeline.Stages.failure;
import static io.onex.runtime.pipeline.Stages.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.NodeExecutionException;
import io.onex.api.contract.ResilienceSpec;
import io.onex.api.contract.RetrySpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class NodeInvokerTimeoutTest {

    private final PipelineFixture fx = new PipelineFixture();
    private final ScriptedNode.Order order = new ScriptedNode.Order("o-1", 1);

    private static ResilienceSpec timeout(Duration perAttempt, RetrySpec retry) {
        return new ResilienceSpec(perAttempt, retry, breakerOff());
    }

    @Test
    void hangingAttemptTimesOutAndTheRetrySucceeds() {
        CompletableFuture<Object> hung = new CompletableFuture<>();
        ScriptedNode node = new ScriptedNode().thenDo((in, ctx) -> hung).thenSucceed("second time lucky");
        NodeInvoker invoker = fx.invoker(contract(timeout(Duration.ofSeconds(5), retry(3)), true), node);

        CompletionStage<Object> call = invoker.invoke(order, CallOptions.none());
        fx.scheduler.advance(Duration.ofMillis(4999));
        assertThat(call.toCompletableFuture()).isNotDone();
        assertThat(node.calls()).isEqualTo(1);
        fx.scheduler.advance(Duration.ofMillis(1));
        fx.scheduler.advance(Duration.ofMillis(100));

        assertThat(value(call)).isEqualTo("second time lucky");
        assertThat(node.calls()).isEqualTo(2);
        assertThat(hung).as("the timed-out attempt is completed so the node can stop").isCompletedExceptionally();
        assertThat(fx.scheduler.requestedDelays()).startsWith(Duration.ofSeconds(5), Duration.ofMillis(100));
    }

    @Test
    void timeoutOnTheLastAttemptIsDeadLettered() {
        ScriptedNode node = new ScriptedNode().thenHang();
        NodeInvoker invoker = fx.invoker(contract(timeout(Duration.ofSeconds(5), retry(1)), true), node);

        CompletionStage<Object> call = invoker.invoke(order, CallOptions.none());
        fx.scheduler.advance(Duration.ofSeconds(5));

        NodeExecutionException e = (NodeExecutionException) failure(call);
        assertThat(e.getCause()).isInstanceOf(TimeoutException.class);
        assertThat(e.deadLettered()).isTrue();
        assertThat(fx.producer.history()).hasSize(1);
    }

    @Test
    void perCallTimeoutOverrideReplacesTheContractTimeout() {
        ScriptedNode node = new ScriptedNode().thenHang();
        NodeInvoker invoker = fx.invoker(contract(timeout(Duration.ofSeconds(30), retry(1)), false), node);

        CompletionStage<Object> call = invoker.invoke(order,
                CallOptions.builder().timeoutOverride(Duration.ofSeconds(2)).build());
        fx.scheduler.advance(Duration.ofSeconds(2));

        assertThat(failure(call).getCause()).isInstanceOf(TimeoutException.class);
    }

    @Test
    void overallDeadlineStopsRetryingAndDeadLettersTheCall() {
        RetrySpec slow = new RetrySpec(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), 0, List.of(), List.of());
        ScriptedNode node = ScriptedNode.alwaysFailing(new IllegalStateException("down"));
        NodeInvoker invoker = fx.invoker(contract(timeout(Duration.ofHours(1), slow), true), node);

        CompletionStage<Object> call = invoker.invoke(order,
                CallOptions.builder().deadline(Duration.ofMillis(1500)).build());
        fx.scheduler.advance(Duration.ofMillis(1499));
        assertThat(call.toCompletableFuture()).isNotDone();
        fx.scheduler.advance(Duration.ofMillis(1));

        NodeExecutionException e = (NodeExecutionException) failure(call);
        assertThat(e.getCause()).isInstanceOf(DeadlineExceededException.class)
                .hasMessage("order_effect: overall deadline of 1500 ms passed after 2 attempts");
        assertThat(e.deadLettered()).isTrue();
        assertThat(e.attempts()).isEqualTo(2);
        fx.scheduler.advance(Duration.ofSeconds(30));
        assertThat(node.calls()).as("no attempt after the deadline").isEqualTo(2);
        assertThat(fx.producer.history()).hasSize(1);
    }

    @Test
    void callFinishingBeforeTheDeadlineCancelsTheDeadlineTimer() {
        NodeInvoker invoker = fx.invoker(contract(timeout(Duration.ofHours(1), retry(1)), true),
                ScriptedNode.alwaysSucceeding());

        CompletionStage<Object> call = invoker.invoke(order, CallOptions.builder().deadline(Duration.ofSeconds(9)).build());
        fx.scheduler.advance(Duration.ofSeconds(10));

        assertThat(value(call)).isEqualTo("ok:o-1");
        assertThat(fx.scheduler.pendingTasks()).isZero();
        assertThat(fx.counter("onex.node.calls", "node", "order_effect", "outcome", "failure")).isZero();
    }
}
