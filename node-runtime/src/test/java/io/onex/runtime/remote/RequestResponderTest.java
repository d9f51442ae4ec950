package io.onex.runtime.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.NodeExecutionException;
import io.onex.api.NonRetryableException;
import io.onex.runtime.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestResponderTest {

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
    private final AtomicInteger runs = new AtomicInteger();
    private final List<String> sentTo = new CopyOnWriteArrayList<>();
    private final List<CallReply> sent = new CopyOnWriteArrayList<>();
    private final RequestResponder.ReplySender sender = (topic, reply) -> {
        sentTo.add(topic);
        sent.add(reply);
        return CompletableFuture.completedFuture(null);
    };

    private RequestResponder responder(java.util.function.Function<Object, CompletionStage<Object>> node) {
        return new RequestResponder(input -> {
            runs.incrementAndGet();
            return node.apply(input);
        }, sender, clock, Duration.ofMinutes(10));
    }

    private CallRequest request(String id, Duration deadlineIn) {
        return new CallRequest(id, "pricing_effect", Map.of("sku", "x"), "runtime-a", "replies-a",
                clock.instant().plus(deadlineIn));
    }

    @Test
    void answersTheCallerOnItsReplyTopicWithTheOutput() {
        RequestResponder responder = responder(in -> CompletableFuture.completedFuture(Map.of("price", 3)));

        responder.handle(request("r-1", Duration.ofSeconds(5))).toCompletableFuture().join();

        assertThat(sentTo).containsExactly("replies-a");
        assertThat(sent).containsExactly(new CallReply("r-1", "runtime-a", Map.of("price", 3), null));
    }

    @Test
    void skipsARequestWhoseDeadlineHasPassed() {
        RequestResponder responder = responder(in -> CompletableFuture.completedFuture("x"));
        CallRequest stale = request("r-1", Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(6));

        assertThat(responder.handle(stale)).isCompleted();

        assertThat(runs).hasValue(0);
        assertThat(sent).isEmpty();
        assertThat(responder.skipped()).isEqualTo(1);
    }

    @Test
    void aRedeliveredRequestIsAnsweredFromTheStoredReplyAndRunOnce() {
        RequestResponder responder = responder(in -> CompletableFuture.completedFuture("quoted-" + runs.get()));
        CallRequest req = request("r-1", Duration.ofMinutes(1));

        responder.handle(req).toCompletableFuture().join();
        clock.advance(Duration.ofSeconds(30));
        responder.handle(req).toCompletableFuture().join();

        assertThat(runs).hasValue(1);
        assertThat(sent).extracting(CallReply::output).containsExactly("quoted-1", "quoted-1");
        assertThat(responder.replayed()).isEqualTo(1);
    }

    @Test
    void aRedeliveryWhileTheFirstRunIsGoingWaitsForIt() {
        CompletableFuture<Object> slow = new CompletableFuture<>();
        RequestResponder responder = responder(in -> slow);
        CallRequest req = request("r-1", Duration.ofMinutes(1));

        CompletionStage<Void> first = responder.handle(req);
        CompletionStage<Void> second = responder.handle(req);
        assertThat(sent).isEmpty();
        slow.complete("done");

        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(runs).hasValue(1);
        assertThat(sent).hasSize(2);
    }

    @Test
    void afterTheIdempotencyWindowARequestIdRunsAgain() {
        RequestResponder responder = responder(in -> CompletableFuture.completedFuture("x"));
        CallRequest req = new CallRequest("r-1", "pricing_effect", null, "runtime-a", "replies-a",
                Instant.MAX);

        responder.handle(req);
        clock.advance(Duration.ofMinutes(11));
        responder.handle(req);

        assertThat(runs).hasValue(2);
    }

    @Test
    void aNonRetryableFailureOfTheNodeIsRepliedAsNonRetryable() {
        RequestResponder responder = responder(in -> CompletableFuture.failedFuture(new NodeExecutionException(
                "pricing_effect", 1, true, new NonRetryableException("sku x is unknown"))));

        responder.handle(request("r-1", Duration.ofSeconds(5)));

        assertThat(sent).singleElement().extracting(CallReply::error)
                .isEqualTo(new RemoteError("NonRetryableException", false, "sku x is unknown"));
    }

    @Test
    void aRetryableFailureIsRepliedAsRetryable() {
        RequestResponder responder = responder(in -> CompletableFuture.failedFuture(
                new IllegalStateException("database down")));

        responder.handle(request("r-1", Duration.ofSeconds(5)));

        assertThat(sent).singleElement().extracting(CallReply::error)
                .isEqualTo(new RemoteError("IllegalStateException", true, "database down"));
    }

    @Test
    void aRequestAnotherInstanceAnsweredIsAnsweredFromItsSharedReplyWithoutRunningTheNode() {
        SharedReplies shared = new SharedReplies(r -> CompletableFuture.completedFuture(null), clock,
                Duration.ofMinutes(10));
        CallRequest redelivered = request("r-1", Duration.ofSeconds(5));
        CallReply answeredByTheCrashedInstance = CallReply.success(redelivered, Map.of("price", 3));
        shared.read(answeredByTheCrashedInstance, clock.instant());
        RequestResponder responder = new RequestResponder(in -> {
            runs.incrementAndGet();
            return CompletableFuture.completedFuture(Map.of("price", 999));
        }, sender, clock, Duration.ofMinutes(10), shared);

        responder.handle(redelivered).toCompletableFuture().join();

        assertThat(runs).hasValue(0);
        assertThat(sent).containsExactly(answeredByTheCrashedInstance);
        assertThat(responder.replayed()).isEqualTo(1);
    }

    @Test
    void aReplyIsWrittenForTheOtherInstancesBeforeTheCallerIsAnswered() {
        CompletableFuture<Object> write = new CompletableFuture<>();
        List<CallReply> written = new CopyOnWriteArrayList<>();
        SharedReplies shared = new SharedReplies(r -> {
            written.add(r);
            return write;
        }, clock, Duration.ofMinutes(10));
        RequestResponder responder = new RequestResponder(in -> CompletableFuture.completedFuture("ok"), sender, clock,
                Duration.ofMinutes(10), shared);

        CompletableFuture<Void> handled = responder.handle(request("r-1", Duration.ofSeconds(5))).toCompletableFuture();
        assertThat(written).hasSize(1);
        assertThat(sent).as("not answered before the shared write").isEmpty();
        write.complete(null);

        assertThat(handled).isCompleted();
        assertThat(sent).containsExactly(written.get(0));
    }

    @Test
    void sharedRepliesOlderThanTheWindowAreForgotten() {
        SharedReplies shared = new SharedReplies(r -> CompletableFuture.completedFuture(null), clock,
                Duration.ofMinutes(10));
        shared.read(CallReply.success(request("r-1", Duration.ofSeconds(5)), "x"), clock.instant());
        clock.advance(Duration.ofMinutes(11));

        assertThat(shared.find("r-1")).isEmpty();
        assertThat(shared.size()).isZero();
    }
}
