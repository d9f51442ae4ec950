package io.onex.runtime.remote;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The replies every instance of this runtime's nodes sent within the idempotency window, shared through a topic
 * ({@code onex.evt.node-call-replies.v1}, {@code ONEX_REMOTE_REPLY_STORE=topic}): each instance writes its reply there
 * before answering, and reads every instance's, so that a request delivered again to <em>another</em> instance after
 * a crash is answered from the reply already sent rather than run again. What it cannot cover: an instance that
 * crashed before writing its reply (the node ran, nobody answered; the caller's retry, a new request, runs it again),
 * and a redelivery that arrives before the other instance's write has been read here (the takeover of a crashed
 * instance's partitions takes a session timeout, 6 s; the read takes milliseconds). Thread-safe.
 */
public final class SharedReplies {

    /** No sharing: each process keeps its own replies only. */
    public static final SharedReplies NONE = new SharedReplies(reply -> CompletableFuture.completedFuture(null),
            Clock.systemUTC(), Duration.ZERO);

    private record Stored(CallReply reply, Instant at) {
    }

    private final Function<CallReply, CompletionStage<?>> writer;
    private final Clock clock;
    private final Duration window;
    private final LinkedHashMap<String, Stored> replies = new LinkedHashMap<>();

    /**
     * @param writer writes a reply to the shared topic; completes when the broker has it
     * @param clock judges the window
     * @param window how long a reply is kept
     */
    public SharedReplies(Function<CallReply, CompletionStage<?>> writer, Clock clock, Duration window) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
    }

    /** A reply some instance sent for this request id within the window. */
    public Optional<CallReply> find(String requestId) {
        synchronized (replies) {
            evict();
            Stored s = replies.get(requestId);
            return s == null ? Optional.empty() : Optional.of(s.reply());
        }
    }

    /** Writes a reply for the other instances; completes when written. */
    public CompletionStage<?> write(CallReply reply) {
        if (this == NONE) {
            return CompletableFuture.completedFuture(null);
        }
        return writer.apply(reply);
    }

    /** A reply read from the shared topic (this instance's own included), written at {@code at}. */
    public void read(CallReply reply, Instant at) {
        if (this == NONE) {
            return;
        }
        synchronized (replies) {
            replies.putIfAbsent(reply.requestId(), new Stored(reply, at));
            evict();
        }
    }

    /** Replies held now. */
    public int size() {
        synchronized (replies) {
            return replies.size();
        }
    }

    private void evict() {
        Instant oldest = clock.instant().minus(window);
        for (Iterator<Map.Entry<String, Stored>> it = replies.entrySet().iterator(); it.hasNext(); ) {
            if (!it.next().getValue().at().isBefore(oldest)) {
                break;
            }
            it.remove();
        }
    }
}
