package io.onex.runtime.remote;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
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
            return parseInstant(s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("remote call payload: " + field
                    + " must be an ISO-8601 instant, but was " + s, e);
        }
    }

    /**
     * {@link Instant#parse}, without its formatter for the form {@link Instant#toString} writes
     * ({@code 2026-12-06T05:00:00.123456Z}: UTC, 0 to 9 fraction digits), which is what callers send: the formatter
     * cost a callee more than the rest of reading a request. Anything else goes to {@link Instant#parse}.
     */
    static Instant parseInstant(String s) {
        int n = s.length();
        if (n < 20 || n == 21 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z'
                || (n > 20 && s.charAt(19) != '.')) {
            return Instant.parse(s);
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int fraction = n > 20 ? digits(s, 20, n - 1) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59
                || fraction < 0 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return Instant.parse(s);
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        int nanos = fraction;
        for (int digitsGiven = n - 21; digitsGiven > 0 && digitsGiven < 9; digitsGiven++) {
            nanos *= 10;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code s[from, to)}, or -1 when a character there is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
