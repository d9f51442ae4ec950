package io.onex.runtime.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the ONEX envelope as UTF-8 JSON, per WIRE.md.
 *
 * <p>Writes {@code timestamp} as epoch seconds with a millisecond-or-finer fraction; reads either that or an ISO-8601
 * string. Unknown top-level fields are kept in {@link EventEnvelope#extensions()} and written back. Thread-safe.
 */
public final class EnvelopeCodec {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /**
     * The largest record value {@link #decode} reads by default: 1 MiB, Kafka's own default record limit. The runtime
     * passes {@code ONEX_MAX_RECORD_BYTES} instead (whose default this is).
     */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

    /** The longest message a decoding error carries: it becomes a dead letter's error and may be shown to people. */
    static final int MAX_MESSAGE_CHARS = 300;

    private final ObjectMapper mapper;
    private final EnvelopeReader reader;
    private final int maxRecordBytes;
    private final boolean writesPlainValuesItself;

    public EnvelopeCodec() {
        this(defaultMapper());
    }

    public EnvelopeCodec(ObjectMapper mapper) {
        this(mapper, DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * @param mapper the JSON mapper
     * @param maxRecordBytes the largest record value {@link #decode} reads; larger ones are refused unread
     */
    public EnvelopeCodec(ObjectMapper mapper, int maxRecordBytes) {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be greater than 0, but was " + maxRecordBytes);
        }
        this.mapper = mapper;
        this.reader = new EnvelopeReader(mapper);
        this.maxRecordBytes = maxRecordBytes;
        // the direct writing of plain maps is only the mapper's output while the mapper writes maps as they are
        JsonInclude.Value inclusion = mapper.getSerializationConfig().getDefaultPropertyInclusion(Map.class);
        this.writesPlainValuesItself = !mapper.isEnabled(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                && isAlways(inclusion.getValueInclusion()) && isAlways(inclusion.getContentInclusion());
    }

    private static boolean isAlways(JsonInclude.Include include) {
        return include == JsonInclude.Include.ALWAYS || include == JsonInclude.Include.USE_DEFAULTS;
    }

    /** The JSON mapper the runtime uses everywhere: no failure on unknown properties, big decimals kept exact. */
    public static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** The mapper, for callers that convert payloads. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Serializes an envelope.
     *
     * @param envelope the envelope
     * @return UTF-8 JSON bytes
     */
    public byte[] encode(EventEnvelope envelope) {
        // as ObjectMapper.writeValueAsBytes does: a pooled buffer, so a ~1 KB envelope is not grown and copied
        // several times on the way (this is the publish hot path)
        BufferRecycler recycler = mapper.getFactory()._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("event_id", envelope.eventId());
                g.writeStringField("event_type", envelope.eventType());
                g.writeStringField("correlation_id", envelope.correlationId());
                g.writeFieldName("causation_id");
                if (envelope.causationId() == null) {
                    g.writeNull();
                } else {
                    g.writeString(envelope.causationId());
                }
                g.writeFieldName("timestamp");
                g.writeNumber(EnvelopeTimestamp.epochSecondsText(envelope.timestamp()));
                g.writeStringField("version", envelope.version());
                if (envelope.source() != null) {
                    g.writeObjectFieldStart("source");
                    g.writeStringField("service", envelope.source().service());
                    g.writeStringField("node_type", envelope.source().nodeType());
                    g.writeStringField("node_id", envelope.source().nodeId());
                    g.writeEndObject();
                }
                g.writeFieldName("metadata");
                writeValue(g, envelope.metadata());
                g.writeFieldName("payload");
                writeValue(g, envelope.payload());
                for (Map.Entry<String, Object> e : envelope.extensions().entrySet()) {
                    g.writeFieldName(e.getKey());
                    writeValue(g, e.getValue());
                }
                g.writeEndObject();
            }
            byte[] bytes = out.toByteArray();
            out.release();
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize envelope " + envelope.eventId(), e);
        } finally {
            recycler.releaseToPool();
        }
    }

    /**
     * Writes the plain JSON values payloads are made of (maps with string keys, lists, strings, numbers, booleans,
     * null) straight to the generator, and anything else through the mapper. The output is the mapper's: the same
     * generator calls its serializers make. The mapper is skipped because each {@code writeValue} call sets up a
     * serializer provider, which costs more than writing a small payload.
     */
    private void writeValue(JsonGenerator g, Object v) throws IOException {
        // kept tiny, with the rarer types in writeOther: a payload of new value types (a heartbeat's numbers and
        // lists, say) then does not make the JIT recompile the hot path for strings and maps into slower code
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Map<?, ?> m && writesPlainValuesItself) {
            writeMap(g, m);
        } else {
            writeOther(g, v);
        }
    }

    private void writeMap(JsonGenerator g, Map<?, ?> m) throws IOException {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getKey() == null) {
                // the mapper's own verdict on a null key
                throw JsonMappingException.from(g, "Null key for a Map not allowed in JSON");
            }
            g.writeFieldName(e.getKey() instanceof String k ? k : String.valueOf(e.getKey()));
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    private void writeOther(JsonGenerator g, Object v) throws IOException {
        if (!writesPlainValuesItself) {
            mapper.writeValue(g, v);
        } else if (v == null) {
            g.writeNull();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object item : l) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else {
            mapper.writeValue(g, v);
        }
    }

    /**
     * Parses an envelope.
     *
     * @param bytes UTF-8 JSON
     * @return the envelope
     * @throws InvalidInputException naming the field and what was expected, when the bytes are not an envelope: one
     *     printable line of at most 300 characters, which quotes at most 60 characters of the input
     */
    public EventEnvelope decode(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidInputException("record value is null: expected an ONEX envelope (JSON object)");
        }
        if (bytes.length > maxRecordBytes) {
            throw new InvalidInputException("record value is " + bytes.length + " bytes, over the limit of "
                    + maxRecordBytes + " bytes: expected an ONEX envelope of at most " + maxRecordBytes + " bytes");
        }
        try {
            return read(bytes);
        } catch (InvalidInputException e) {
            String plain = PrintableText.printable(e.getMessage(), MAX_MESSAGE_CHARS);
            throw plain.equals(e.getMessage()) ? e : new InvalidInputException(plain);
        }
    }

    private EventEnvelope read(byte[] bytes) {
        if (firstNonBlank(bytes) != '{') {
            throw notAnObject(bytes);
        }
        try {
            return reader.read(bytes);
        } catch (IOException e) {
            throw new InvalidInputException("record value is not valid JSON: " + PrintableText.firstLine(e.getMessage()));
        }
    }

    private static int firstNonBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b;
            }
        }
        return -1;
    }

    /** Invalid JSON reads as such; valid JSON that is not an object as "not a JSON object". */
    private InvalidInputException notAnObject(byte[] bytes) {
        try {
            mapper.readTree(bytes);
        } catch (IOException e) {
            return new InvalidInputException("record value is not valid JSON: " + PrintableText.firstLine(e.getMessage()));
        }
        return new InvalidInputException("record value is not a JSON object: expected an ONEX envelope");
    }

    /**
     * Converts a payload map to a JSON-compatible map (used when a node hands us arbitrary objects).
     *
     * @param value any Jackson-serializable value
     * @return a map of plain JSON values
     */
    public Map<String, Object> toMap(Object value) {
        return mapper.convertValue(value, MAP);
    }
}
