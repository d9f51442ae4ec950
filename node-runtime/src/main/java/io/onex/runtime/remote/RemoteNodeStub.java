package io.onex.runtime.remote;

import io.onex.api.EffectNode;
import io.onex.api.NodeContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A node served by another runtime, as a target of this runtime's {@link io.onex.runtime.pipeline.NodeInvoker}: each
 * attempt publishes a {@link CallRequest} to the node's request topic and completes when the matching
 * {@link CallReply} reaches {@link PendingReplies}. Retry, breaker, timeout and dead-lettering wrap it as they wrap a
 * local node. Each attempt has its own request id and a deadline {@code replyTimeout} from now; when it passes the
 * attempt fails with a timeout and a later reply is dropped.
 */
public final class RemoteNodeStub implements EffectNode<Object, Object> {

    /** Publishes a request to a topic; completes when the broker has it. */
    @FunctionalInterface
    public interface RequestSender {
        CompletionStage<?> send(String requestTopic, CallRequest request, String correlationId);
    }

    private final String nodeName;
    private final String requestTopic;
    private final String replyTopic;
    private final PendingReplies pending;
    private final RequestSender sender;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Duration replyTimeout;

    /**
     * @param nodeName the remote node's contract name
     * @param requestTopic its request topic (full name)
     * @param replyTopic this runtime's reply topic (full name)
     * @param pending this runtime's waiting calls
     * @param sender publishes requests
     * @param clock sets deadlines
     * @param scheduler gives up at the deadline
     * @param replyTimeout how long an attempt waits for its reply
     */
    public RemoteNodeStub(String nodeName, String requestTopic, String replyTopic, PendingReplies pending,
            RequestSender sender, Clock clock, ScheduledExecutorService scheduler, Duration replyTimeout) {
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.requestTopic = Objects.requireNonNull(requestTopic, "requestTopic");
        this.replyTopic = Objects.requireNonNull(replyTopic, "replyTopic");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.replyTimeout = Objects.requireNonNull(replyTimeout, "replyTimeout");
    }

    @Override
    public Class<Object> inputType() {
        return Object.class;
    }

    @Override
    public CompletionStage<Object> executeEffect(Object input, NodeContext context) {
        Instant deadline = clock.instant().plus(replyTimeout);
        CallRequest request = new CallRequest(UUID.randomUUID().toString(), nodeName, input, pending.callerId(),
                replyTopic, deadline);
        CompletableFuture<Object> reply = pending.expect(request.requestId());
        ScheduledFuture<?> giveUp = scheduler.schedule(() -> pending.giveUp(request.requestId(), "no reply from "
                + nodeName + " within " + replyTimeout), replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        reply.whenComplete((out, e) -> giveUp.cancel(false));
        try {
            sender.send(requestTopic, request, context.correlationId()).whenComplete((ok, e) -> {
                if (e != null) {
                    pending.fail(request.requestId(), e);
                }
            });
        } catch (RuntimeException e) {
            pending.fail(request.requestId(), e);
        }
        return reply;
    }

    /** The remote node's name. */
    public String nodeName() {
        return nodeName;
    }

}
