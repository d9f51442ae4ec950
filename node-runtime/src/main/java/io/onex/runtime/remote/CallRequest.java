package io.onex.runtime.remote;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request to run a node in another runtime: the payload of a {@value #EVENT_TYPE} envelope on the node's request
 * topic (see {@code docs/remote-calls.md} for the wire shape).
 *
 * @param requestId unique per call attempt's request; the callee is idempotent on it
 * @param nodeName the node (contract name) to run
 * @param input the node's input, as JSON-compatible values
 * @param callerId the calling runtime's id: only it accepts the reply
 * @param replyTo the topic the reply goes to (full name)
 * @param deadline after this instant the caller no longer waits: the callee skips the request
 */
public record CallRequest(String requestId, String nodeName, Object input, String callerId, String replyTo,
        Instant deadline) {

    /** The envelope event type of a request. */
    public static final String EVENT_TYPE = "node-call-requested";

    public CallRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(callerId, "callerId");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** The envelope payload. */
    public Map<String, Object> toPayload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("request_id", requestId);
        p.put("node_name", nodeName);
        p.put("input", input);
        p.put("caller_id", callerId);
        p.put("reply_to", replyTo);
        p.put("deadline", deadline.toString());
        return p;
    }

    /**
     * Reads a request from an envelope payload.
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static CallRequest fromPayload(Map<String, Object> p) {
        return new CallRequest(text(p, "request_id"), text(p, "node_name"), p.get("input"), text(p, "caller_id"),
                text(p, "reply_to"), instant(p, "deadline"));
    }

    static String text(Map<String, Object> p, String field) {
        Object v = p.get(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("remote call payload: " + field + " must be a non-empty string, but was "
                    + (v == null ? "missing" : v));
        }
        return s;
    }

    private static Instant instant(Map<String, Object> p, String field) {
        String s = text(p, field);
        try {
            return Instant.parse(s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("remote call payload: " + field
                    + " must be an ISO-8601 instant, but was " + s, e);
        }
    }
}
