package io.onex.runtime.remote;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * The calls of one caller runtime that wait for their reply, by request id. A reply completes the call that asked,
 * and only it: a reply addressed to another caller is ignored, and a reply for a call that gave up (its deadline
 * passed, or it was never made here) is dropped and counted in {@link #lateReplies()}. A call stops waiting when its
 * future completes by any means: its reply, {@link #giveUp}, or the caller's pipeline failing it at its timeout.
 * Thread-safe.
 */
public final class PendingReplies {

    private final String callerId;
    private final Map<String, CompletableFuture<Object>> waiting = new ConcurrentHashMap<>();
    private final LongAdder late = new LongAdder();
    private final LongAdder foreign = new LongAdder();

    /**
     * @param callerId this runtime's id, as written in its requests
     */
    public PendingReplies(String callerId) {
        this.callerId = Objects.requireNonNull(callerId, "callerId");
    }

    /** This runtime's id. */
    public String callerId() {
        return callerId;
    }

    /**
     * Registers a call waiting for its reply.
     *
     * @return completes with the output, or fails with the remote error; completing it otherwise (a timeout, a
     *     cancel) ends the wait, and its reply is then dropped as late
     */
    public CompletableFuture<Object> expect(String requestId) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        if (waiting.putIfAbsent(requestId, f) != null) {
            throw new IllegalStateException("request " + requestId + " is already waiting for its reply");
        }
        // after accept() this finds nothing; after a timeout it is what forgets the call
        f.whenComplete((out, e) -> waiting.remove(requestId, f));
        return f;
    }

    /**
     * Gives up waiting: the call fails with a {@link TimeoutException} and a reply arriving later is dropped.
     *
     * @return whether the call was still waiting
     */
    public boolean giveUp(String requestId, String why) {
        CompletableFuture<Object> f = waiting.remove(requestId);
        return f != null && f.completeExceptionally(new TimeoutException(why));
    }

    /** Fails a waiting call (its request could not be sent). */
    public void fail(String requestId, Throwable cause) {
        CompletableFuture<Object> f = waiting.remove(requestId);
        if (f != null) {
            f.completeExceptionally(cause);
        }
    }

    /**
     * Hands a reply to the call that asked.
     *
     * @return whether a waiting call took it
     */
    public boolean accept(CallReply reply) {
        if (!callerId.equals(reply.callerId())) {
            foreign.increment();
            return false;
        }
        CompletableFuture<Object> f = waiting.remove(reply.requestId());
        if (f == null) {
            late.increment();
            return false;
        }
        RemoteError error = reply.error();
        boolean took = error == null ? f.complete(reply.output()) : f.completeExceptionally(toException(error));
        if (!took) {
            late.increment(); // its call ended (timed out) between the removal and here
        }
        return took;
    }

    /** Replies dropped because their call had given up (or never asked here). */
    public long lateReplies() {
        return late.sum();
    }

    /** Replies addressed to another caller (a shared reply topic), ignored. */
    public long foreignReplies() {
        return foreign.sum();
    }

    /** Calls waiting now. */
    public int waiting() {
        return waiting.size();
    }

    private static RuntimeException toException(RemoteError e) {
        String message = e.type() + ": " + e.message();
        return e.retryable() ? new RemoteCallException(message) : new RemoteNonRetryableException(message);
    }
}
