package io.onex.runtime.pipeline;

import static io.onex.runtime.pipeline.PipelineFixture.breakerOff;
import static io.onex.runtime.pipeline.PipelineFixture.contract;
import static io.onex.runtime.pipeline.PipelineFixture.retry;
import static io.onex.runtime.pipeline.Stages.failure;
import static io.onex.runtime.pipeline.Stages.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.NodeExecutionException;
import io.onex.api.NonRetryableException;
import io.onex.api.contract.ResilienceSpec;
import io.onex.runtime.remote.CallRequest;
import io.onex.runtime.remote.PendingReplies;
import io.onex.runtime.remote.RemoteCallException;
import io.onex.runtime.remote.RemoteNodeStub;
import io.onex.runtime.remote.RemoteNonRetryableException;
import io.onex.runtime.remote.RequestResponder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A remote node behind the same pipeline as a local one: the callee is a {@link RequestResponder} over a loopback. */
class NodeInvokerRemoteTargetTest {

    private final PipelineFixture fx = new PipelineFixture();
    private final PendingReplies pending = new PendingReplies("runtime-a");
    private final AtomicInteger calleeRuns = new AtomicInteger();
    private final List<CallRequest> requests = new ArrayList<>();
    private boolean deliverReplies = true;

    private RemoteNodeStub stubOver(Function<Object, CompletionStage<Object>> calleeNode) {
        RequestResponder callee = new RequestResponder(in -> {
            calleeRuns.incrementAndGet();
            return calleeNode.apply(in);
        }, (topic, reply) -> {
            if (deliverReplies) {
                pending.accept(reply);
            }
            return CompletableFuture.completedFuture(null);
        }, fx.clock, Duration.ofMinutes(10));
        return new RemoteNodeStub("pricing_effect", "onex.cmd.pricing-effect-requested.v1",
                "onex.evt.runtime-a-replies.v1", pending, (topic, request, correlationId) -> {
                    requests.add(request);
                    return callee.handle(request);
                }, fx.clock, Duration.ofSeconds(5));
    }

    @Test
    void aRemoteNodeAnswersThroughThePipeline() {
        NodeInvoker invoker = fx.invoker(contract(retry(3), breakerOff(), false),
                stubOver(in -> CompletableFuture.completedFuture(Map.of("price", 3))));

        assertThat(value(invoker.invoke(Map.of("sku", "x"), CallOptions.none()))).isEqualTo(Map.of("price", 3));
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.input()).isEqualTo(Map.of("sku", "x"));
            assertThat(r.callerId()).isEqualTo("runtime-a");
            assertThat(r.deadline()).isEqualTo(fx.clock.instant().plusSeconds(5));
        });
    }

    @Test
    void aNonRetryableRemoteErrorIsNotRetried() {
        NodeInvoker invoker = fx.invoker(contract(retry(3), breakerOff(), false),
                stubOver(in -> CompletableFuture.failedFuture(new NonRetryableException("sku x is unknown"))));

        CompletionStage<Object> call = invoker.invoke(Map.of("sku", "x"), CallOptions.none());
        fx.scheduler.advance(Duration.ofSeconds(10));

        assertThat(failure(call)).isInstanceOf(NodeExecutionException.class)
                .hasCauseInstanceOf(RemoteNonRetryableException.class);
        assertThat(calleeRuns).hasValue(1);
    }

    @Test
    void aRetryableRemoteErrorIsRetriedEachAttemptWithItsOwnRequestId() {
        NodeInvoker invoker = fx.invoker(contract(retry(3), breakerOff(), false),
                stubOver(in -> CompletableFuture.failedFuture(new IllegalStateException("database down"))));

        CompletionStage<Object> call = invoker.invoke(Map.of("sku", "x"), CallOptions.none());
        fx.scheduler.advance(Duration.ofSeconds(10));

        assertThat(failure(call)).isInstanceOf(NodeExecutionException.class)
                .hasCauseInstanceOf(RemoteCallException.class);
        assertThat(calleeRuns).hasValue(3);
        assertThat(requests).extracting(CallRequest::requestId).doesNotHaveDuplicates();
    }

    @Test
    void anAttemptWithoutReplyTimesOutAndItsLateReplyIsDroppedAndCounted() {
        deliverReplies = false;
        // the contract's timeout is the attempt's one deadline (the stub tells the callee the same 5 s)
        NodeInvoker invoker = fx.invoker(contract(new ResilienceSpec(Duration.ofSeconds(5), retry(1), breakerOff()),
                false), stubOver(in -> CompletableFuture.completedFuture("late")));

        CompletionStage<Object> call = invoker.invoke(Map.of("sku", "x"), CallOptions.none());
        fx.scheduler.advance(Duration.ofSeconds(5));
        assertThat(failure(call)).hasRootCauseInstanceOf(TimeoutException.class);

        pending.accept(io.onex.runtime.remote.CallReply.success(requests.get(0), "late"));
        assertThat(pending.lateReplies()).isEqualTo(1);
    }
}
