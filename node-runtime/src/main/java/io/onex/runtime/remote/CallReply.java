package io.onex.runtime.remote;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a {@link CallRequest}: the payload of a {@value #EVENT_TYPE} envelope on the caller's reply topic,
 * carrying the node's output or a {@link RemoteError}, never both.
 *
 * @param requestId the request answered
 * @param callerId the runtime that asked (only it accepts the reply)
 * @param output the node's output when it succeeded
 * @param error the failure when it did not
 */
public record CallReply(String requestId, String callerId, Object output, RemoteError error) {

    /** The envelope event type of a reply. */
    public static final String EVENT_TYPE = "node-call-replied";

    public CallReply {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(callerId, "callerId");
    }

    /** A successful reply. */
    public static CallReply success(CallRequest request, Object output) {
        return new CallReply(request.requestId(), request.callerId(), output, null);
    }

    /** A failed reply. */
    public static CallReply failure(CallRequest request, RemoteError error) {
        return new CallReply(request.requestId(), request.callerId(), null, Objects.requireNonNull(error, "error"));
    }

    /** The error, when the call failed. */
    public Optional<RemoteError> failure() {
        return Optional.ofNullable(error);
    }

    /** The envelope payload. */
    public Map<String, Object> toPayload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("request_id", requestId);
        p.put("caller_id", callerId);
        if (error == null) {
            p.put("status", "ok");
            p.put("output", output);
        } else {
            p.put("status", "error");
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", error.type());
            e.put("retryable", error.retryable());
            e.put("message", error.message());
            p.put("error", e);
        }
        return p;
    }

    /**
     * Reads a reply from an envelope payload.
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static CallReply fromPayload(Map<String, Object> p) {
        String requestId = CallRequest.text(p, "request_id");
        String callerId = CallRequest.text(p, "caller_id");
        String status = CallRequest.text(p, "status");
        switch (status) {
            case "ok":
                return new CallReply(requestId, callerId, p.get("output"), null);
            case "error":
                if (!(p.get("error") instanceof Map<?, ?> e)) {
                    throw new IllegalArgumentException("remote call payload: error must be an object, but was "
                            + p.get("error"));
                }
                return new CallReply(requestId, callerId, null, new RemoteError(String.valueOf(e.get("type")),
                        Boolean.TRUE.equals(e.get("retryable")), e.get("message") == null ? "" : e.get("message").toString()));
            default:
                throw new IllegalArgumentException("remote call payload: status must be 'ok' or 'error', but was "
                        + status);
        }
    }
}
