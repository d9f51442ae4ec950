package io.onex.runtime.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PendingRepliesTest {

    private final PendingReplies callerA = new PendingReplies("runtime-a");
    private final PendingReplies callerB = new PendingReplies("runtime-b");

    private static CallRequest request(String id, String caller) {
        return new CallRequest(id, "pricing_effect", null, caller, "onex.evt." + caller + "-replies.v1",
                Instant.EPOCH);
    }

    @Test
    void aReplyCompletesTheCallOfTheCallerThatAskedAndNoOther() {
        CompletableFuture<Object> a = callerA.expect("r-1");
        CompletableFuture<Object> b = callerB.expect("r-2");
        CallReply toA = CallReply.success(request("r-1", "runtime-a"), 42);

        // a shared reply topic hands every reply to both callers
        assertThat(callerB.accept(toA)).isFalse();
        assertThat(callerA.accept(toA)).isTrue();

        assertThat(a).isCompletedWithValue(42);
        assertThat(b).isNotDone();
        assertThat(callerB.foreignReplies()).isEqualTo(1);
        assertThat(callerB.lateReplies()).isZero();
    }

    @Test
    void aReplyAfterTheCallerGaveUpIsDroppedAndCounted() {
        CompletableFuture<Object> a = callerA.expect("r-1");
        assertThat(callerA.giveUp("r-1", "no reply within PT5S")).isTrue();

        assertThat(callerA.accept(CallReply.success(request("r-1", "runtime-a"), 42))).isFalse();

        assertThat(a).isCompletedExceptionally();
        assertThat(failureOf(a)).isInstanceOf(TimeoutException.class);
        assertThat(callerA.lateReplies()).isEqualTo(1);
        assertThat(callerA.waiting()).isZero();
    }

    @Test
    void aRemoteErrorFailsTheCallTypedByRetryability() {
        CompletableFuture<Object> retryable = callerA.expect("r-1");
        CompletableFuture<Object> permanent = callerA.expect("r-2");
        callerA.accept(CallReply.failure(request("r-1", "runtime-a"), new RemoteError("IOException", true, "down")));
        callerA.accept(CallReply.failure(request("r-2", "runtime-a"),
                new RemoteError("NonRetryableException", false, "bad order")));

        assertThat(failureOf(retryable)).isExactlyInstanceOf(RemoteCallException.class)
                .hasMessage("IOException: down");
        assertThat(failureOf(permanent)).isExactlyInstanceOf(RemoteNonRetryableException.class)
                .hasMessage("NonRetryableException: bad order");
    }

    @Test
    void requestsAndRepliesSurviveTheirWireForm() {
        CallRequest req = new CallRequest("r-1", "pricing_effect", java.util.Map.of("sku", "x"), "runtime-a",
                "dev.t.onex.evt.runtime-a-replies.v1", Instant.parse("2026-12-06T05:00:00Z"));
        assertThat(CallRequest.fromPayload(req.toPayload())).isEqualTo(req);
        CallReply err = CallReply.failure(req, new RemoteError("X", false, "m"));
        assertThat(CallReply.fromPayload(err.toPayload())).isEqualTo(err);
        CallReply ok = CallReply.success(req, java.util.Map.of("price", 3));
        assertThat(CallReply.fromPayload(ok.toPayload())).isEqualTo(ok);
    }

    private static Throwable failureOf(CompletableFuture<Object> f) {
        assertThat(f).isCompletedExceptionally();
        return f.handle((v, e) -> e).join();
    }
}
