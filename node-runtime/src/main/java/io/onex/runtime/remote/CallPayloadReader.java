package io.onex.runtime.remote;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.InvalidInputException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a {@link CallRequest} or {@link CallReply} straight from the bytes of its envelope: one streaming pass that
 * keeps the payload's fields and skips the rest, where a full decode built the whole envelope (its timestamp, source
 * and metadata, each as Java values) only for the payload to be read out of it, twice per remote call. The envelope
 * must still be one: a JSON object with {@code event_id}, {@code event_type} and {@code correlation_id} as strings
 * and a {@code payload} object. The payload's own fields are checked as {@link CallRequest#fromPayload} and
 * {@link CallReply#fromPayload} check them. Thread-safe.
 */
public final class CallPayloadReader {

    private static final Set<String> ENVELOPE_TEXT = Set.of("event_id", "event_type", "correlation_id");

    private final ObjectMapper mapper;
    private final int maxRecordBytes;

    /**
     * @param mapper reads the input or output values (as the envelope codec's mapper would)
     * @param maxRecordBytes the largest record accepted, as the envelope codec's limit
     */
    public CallPayloadReader(ObjectMapper mapper, int maxRecordBytes) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * A request from its record's value.
     *
     * @throws InvalidInputException when the bytes are not an envelope
     * @throws IllegalArgumentException naming the payload field missing or malformed
     */
    public CallRequest request(byte[] value) {
        return CallRequest.fromPayload(payload(value));
    }

    /**
     * A reply from its record's value.
     *
     * @throws InvalidInputException when the bytes are not an envelope
     * @throws IllegalArgumentException naming the payload field missing or malformed
     */
    public CallReply reply(byte[] value) {
        return CallReply.fromPayload(payload(value));
    }

    private Map<String, Object> payload(byte[] value) {
        if (value == null) {
            throw new InvalidInputException("record value is null: expected an ONEX envelope (JSON object)");
        }
        if (value.length > maxRecordBytes) {
            throw new InvalidInputException("record value is " + value.length + " bytes, over the limit of "
                    + maxRecordBytes + " bytes");
        }
        try (JsonParser p = mapper.getFactory().createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException("record value is not a JSON object: expected an ONEX envelope");
            }
            Map<String, Object> payload = null;
            int envelopeTexts = 0;
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken t = p.nextToken();
                if (field.equals("payload")) {
                    if (t != JsonToken.START_OBJECT) {
                        throw new InvalidInputException("envelope field 'payload' is not an object");
                    }
                    payload = readObject(p);
                } else if (ENVELOPE_TEXT.contains(field)) {
                    if (t != JsonToken.VALUE_STRING) {
                        throw new InvalidInputException("envelope field '" + field + "' is not a string");
                    }
                    envelopeTexts++;
                } else {
                    p.skipChildren();
                }
            }
            if (envelopeTexts < ENVELOPE_TEXT.size()) {
                throw new InvalidInputException("envelope lacks event_id, event_type or correlation_id: expected an "
                        + "ONEX envelope");
            }
            return payload == null ? Map.of() : payload;
        } catch (IOException e) {
            throw new InvalidInputException("record value is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    /** The payload's fields, each value as plain Java values (maps, lists, strings, numbers, booleans, null). */
    private Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            fields.put(field, t == JsonToken.VALUE_STRING ? p.getText() : mapper.readValue(p, Object.class));
        }
        return fields;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
