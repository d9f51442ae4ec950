package io.onex.runtime.remote;

import io.onex.api.NodeExecutionException;
import io.onex.api.NonRetryableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The callee side of remote calls for one node: runs each {@link CallRequest} consumed from the node's request topic
 * through the node's pipeline and sends one {@link CallReply} to the caller's reply topic.
 *
 * <ul>
 *   <li>A request whose deadline has passed is skipped (nobody waits for it) and counted in {@link #skipped()}.</li>
 *   <li>Idempotent on request id within {@code idempotencyWindow}: a request delivered again (a rebalance, a restart
 *       before the offset commit) is answered with the stored reply, and the node is not run again; a redelivery
 *       while the first run is still going waits for it.</li>
 * </ul>
 * Thread-safe.
 */
public final class RequestResponder {

    /** Sends a reply to the topic the request named. */
    @FunctionalInterface
    public interface ReplySender {
        CompletionStage<?> send(String replyTopic, CallReply reply);
    }

    private record Answer(Instant at, CompletableFuture<CallReply> reply) {
    }

    private final Function<Object, CompletionStage<Object>> node;
    private final ReplySender sender;
    private final Clock clock;
    private final Duration idempotencyWindow;
    private final SharedReplies shared;
    /** Answers by request id, oldest first (insertion order), for the idempotency window. */
    private final LinkedHashMap<String, Answer> answers = new LinkedHashMap<>();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder replayed = new LongAdder();

    /**
     * @param node runs the node's pipeline on an input
     * @param sender sends replies
     * @param clock judges deadlines and the window
     * @param idempotencyWindow how long a reply is kept to answer a redelivered request
     */
    public RequestResponder(Function<Object, CompletionStage<Object>> node, ReplySender sender, Clock clock,
            Duration idempotencyWindow) {
        this(node, sender, clock, idempotencyWindow, SharedReplies.NONE);
    }

    /**
     * As the other constructor, with the replies of the node's other instances: a request one of them answered is
     * answered from its reply, and each reply is written there before it is sent.
     *
     * @param shared the replies shared by the node's instances
     */
    public RequestResponder(Function<Object, CompletionStage<Object>> node, ReplySender sender, Clock clock,
            Duration idempotencyWindow, SharedReplies shared) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.node = Objects.requireNonNull(node, "node");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idempotencyWindow = Objects.requireNonNull(idempotencyWindow, "idempotencyWindow");
    }

    /**
     * Answers a request.
     *
     * @return completes when the reply was sent (or the request skipped); fails when the reply could not be sent,
     *     so that the request is delivered again
     */
    public CompletionStage<Void> handle(CallRequest request) {
        Instant now = clock.instant();
        if (now.isAfter(request.deadline())) {
            skipped.increment();
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<CallReply> reply;
        boolean run;
        synchronized (answers) {
            evictOlderThan(now.minus(idempotencyWindow));
            Answer known = answers.get(request.requestId());
            run = known == null;
            if (run) {
                reply = new CompletableFuture<>();
                answers.put(request.requestId(), new Answer(now, reply));
                Optional<CallReply> answeredElsewhere = shared.find(request.requestId());
                if (answeredElsewhere.isPresent()) {
                    run = false;
                    reply.complete(answeredElsewhere.get());
                    replayed.increment();
                }
            } else {
                reply = known.reply();
                replayed.increment();
            }
        }
        if (run) {
            run(request, reply);
        }
        return reply.thenCompose(r -> sender.send(request.replyTo(), r)).thenApply(sent -> null);
    }

    private void run(CallRequest request, CompletableFuture<CallReply> reply) {
        CompletionStage<Object> stage;
        try {
            stage = node.apply(request.input());
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((out, e) -> {
            CallReply r = e == null ? CallReply.success(request, out) : CallReply.failure(request, errorOf(e));
            // written for the other instances before the caller hears: once answered, a redelivery anywhere replays
            // it; a failed write still answers (the caller must hear), only the cover of a later crash is lost
            shared.write(r).whenComplete((written, writeFailure) -> reply.complete(r));
        });
    }

    /** The typed error of a failure: non-retryable when the node (or the callee's pipeline) said so. */
    static RemoteError errorOf(Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        Throwable root = e instanceof NodeExecutionException && e.getCause() != null ? e.getCause() : e;
        boolean retryable = !(root instanceof NonRetryableException);
        return new RemoteError(root.getClass().getSimpleName(), retryable, root.getMessage());
    }

    private void evictOlderThan(Instant oldest) {
        for (Iterator<Answer> it = answers.values().iterator(); it.hasNext(); ) {
            if (!it.next().at().isBefore(oldest)) {
                break;
            }
            it.remove();
        }
    }

    /** Requests skipped because their deadline had passed. */
    public long skipped() {
        return skipped.sum();
    }

    /** Redelivered requests answered from the stored reply. */
    public long replayed() {
        return replayed.sum();
    }
}
