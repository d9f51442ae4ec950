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

/**
 * A node served by another runtime, as a target of this runtime's {@link io.onex.runtime.pipeline.NodeInvoker}: each
 * attempt publishes a {@link CallRequest} to the node's request topic and completes when the matching
 * {@link CallReply} reaches {@link PendingReplies}. Retry, breaker, timeout and dead-lettering wrap it as they wrap a
 * local node. Each attempt has its own request id and tells the callee a deadline {@code replyTimeout} from now (the
 * contract's timeout), after which it skips the request. The caller's one deadline is the pipeline's per-attempt
 * timeout: it fails the attempt's stage, which stops the wait in {@link PendingReplies}, so a later reply is dropped
 * (a timer of the stub's own beside it cost a scheduled task and its cancel per call, for nothing).
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
    private final Duration replyTimeout;

    /**
     * @param nodeName the remote node's contract name
     * @param requestTopic its request topic (full name)
     * @param replyTopic this runtime's reply topic (full name)
     * @param pending this runtime's waiting calls
     * @param sender publishes requests
     * @param clock sets deadlines
     * @param replyTimeout the request's deadline from its sending: the caller's per-attempt timeout
     */
    public RemoteNodeStub(String nodeName, String requestTopic, String replyTopic, PendingReplies pending,
            RequestSender sender, Clock clock, Duration replyTimeout) {
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.requestTopic = Objects.requireNonNull(requestTopic, "requestTopic");
        this.replyTopic = Objects.requireNonNull(replyTopic, "replyTopic");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
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
