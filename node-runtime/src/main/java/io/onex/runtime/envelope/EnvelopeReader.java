package io.onex.runtime.envelope;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.InvalidInputException;
import io.onex.api.RawJsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads an envelope in one pass of a streaming parser straight into its fields. The payload and the metadata are
 * passed over (checked as JSON, not read) and kept as their text ({@link RawJsonObject}): a node bound to a class
 * reads the payload's text once, and only a caller that uses them as maps pays for the maps, read by the mapper
 * exactly as a whole-envelope read made them.
 *
 * <p>Every field is checked only after the whole record has parsed, in a fixed order, so a record with several
 * problems is always refused for the same one, and invalid JSON anywhere is refused as such first.
 */
final class EnvelopeReader {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final ObjectReader values;
    private final boolean plainNumbers;
    private final boolean refusesTrailingTokens;
    private final Function<byte[], Map<String, Object>> payloadReader;
    private final Function<byte[], Map<String, Object>> metadataReader;

    EnvelopeReader(ObjectMapper mapper) {
        this.mapper = mapper;
        // an extension's value is read mid-record: the trailing-token check belongs to the whole record, not to it
        this.values = mapper.readerFor(Object.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // numbers read as the mapper would read them into plain values; other settings take the mapper's own path
        this.plainNumbers = mapper.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                && !mapper.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                && !mapper.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS);
        this.refusesTrailingTokens = mapper.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        ObjectReader maps = mapper.readerFor(MAP);
        this.payloadReader = json -> readMap(maps, json, "payload");
        this.metadataReader = json -> readMap(maps, json, "metadata");
    }

    /**
     * @param bytes a record value whose first non-blank byte is <code>{</code>
     * @throws IOException when the bytes are not valid JSON
     * @throws InvalidInputException when a field is missing or of the wrong kind
     */
    EventEnvelope read(byte[] bytes) throws IOException {
        Object eventId = null;
        Object eventType = null;
        Object correlationId = null;
        Object causationId = null;
        Object timestamp = null;
        Object version = null;
        Object source = null;
        Object metadata = null;
        Object payload = null;
        Map<String, Object> extensions = Map.of();
        try (JsonParser p = mapper.createParser(bytes)) {
            p.nextToken(); // the opening brace, which the caller has seen
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "event_id" -> eventId = scalar(p, v);
                    case "event_type" -> eventType = scalar(p, v);
                    case "correlation_id" -> correlationId = scalar(p, v);
                    case "causation_id" -> causationId = scalar(p, v);
                    case "timestamp" -> timestamp = scalar(p, v);
                    case "version" -> version = scalar(p, v);
                    case "source" -> source = source(p, v);
                    case "metadata" -> metadata = object(p, v, bytes, metadataReader);
                    case "payload" -> payload = object(p, v, bytes, payloadReader);
                    default -> {
                        if (extensions.isEmpty()) {
                            extensions = new LinkedHashMap<>();
                        }
                        extensions.put(name, values.readValue(p));
                    }
                }
            }
            if (refusesTrailingTokens && p.nextToken() != null) {
                throw new InvalidInputException("record value is not valid JSON: content follows the envelope's"
                        + " object, and the mapper refuses trailing tokens");
            }
        }
        String id = EnvelopeFields.requiredText("event_id", eventId);
        String type = EnvelopeFields.requiredText("event_type", eventType);
        String correlation = EnvelopeFields.requiredText("correlation_id", correlationId);
        String causation = EnvelopeFields.optionalText(causationId);
        Instant at = EnvelopeTimestamp.read(timestamp);
        String v = version == null ? EventEnvelope.CURRENT_VERSION : EnvelopeFields.text(version);
        if (source != null && !(source instanceof EventSource)) {
            throw new InvalidInputException("envelope field 'source' is not an object: expected {service, node_type, node_id}");
        }
        return new EventEnvelope(id, type, correlation, causation, at, v, (EventSource) source,
                EnvelopeFields.object("metadata", metadata), EnvelopeFields.object("payload", payload), extensions);
    }

    /** A value where only a scalar is valid: the scalar as the mapper reads it, or a marker of the container's kind. */
    private Object scalar(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NUMBER_INT:
                return plainNumbers ? p.getNumberValue() : values.readValue(p);
            case VALUE_NUMBER_FLOAT:
                return plainNumbers ? p.getDecimalValue() : values.readValue(p);
            case START_OBJECT:
                p.skipChildren();
                return EnvelopeFields.AN_OBJECT;
            case START_ARRAY:
                p.skipChildren();
                return EnvelopeFields.AN_ARRAY;
            default:
                return values.readValue(p);
        }
    }

    /** The source, null, or (when it is no object) its scalar value or kind marker. */
    private Object source(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            return scalar(p, t);
        }
        String service = "";
        String nodeType = "";
        String nodeId = "";
        for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
            String name = p.currentName();
            Object value = scalar(p, p.nextToken());
            String text = value == null ? "" : EnvelopeFields.text(value);
            switch (name) {
                case "service" -> service = text;
                case "node_type" -> nodeType = text;
                case "node_id" -> nodeId = text;
                default -> {
                    // other members of source are not kept (as before: EventSource has three)
                }
            }
        }
        return new EventSource(service, nodeType, nodeId);
    }

    /** An object kept as its text; anything else as its scalar value or kind marker. */
    private Object object(JsonParser p, JsonToken t, byte[] bytes, Function<byte[], Map<String, Object>> reader)
            throws IOException {
        if (t != JsonToken.START_OBJECT) {
            return scalar(p, t);
        }
        long start = p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        long end = p.currentTokenLocation().getByteOffset() + 1;
        if (start < 0 || end > bytes.length || bytes[(int) start] != '{' || bytes[(int) end - 1] != '}') {
            // the parser reports byte offsets for byte input; this guards the assumption, it does not happen
            throw new IllegalStateException("the JSON parser reported no usable offsets for an object: " + start
                    + " to " + end);
        }
        return RawJsonObject.of(bytes, (int) start, (int) (end - start), reader);
    }

    private static Map<String, Object> readMap(ObjectReader maps, byte[] json, String field) {
        try {
            return maps.readValue(json);
        } catch (IOException e) {
            // the text parsed when the envelope was read: only the mapper's limits on values can refuse it here
            throw new InvalidInputException("envelope field '" + field + "' cannot be read as an object: "
                    + PrintableText.printable(PrintableText.firstLine(e.getMessage()), EnvelopeCodec.MAX_MESSAGE_CHARS));
        }
    }
}
