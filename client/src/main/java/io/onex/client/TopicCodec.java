package io.onex.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.envelope.PayloadConversion;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns values into record bytes and back, by their topic's {@link TopicType}: ONEX envelopes through the runtime's
 * {@link EnvelopeCodec} (the payload converted with Jackson), plain JSON with Jackson, protobuf messages with their
 * generated parser. Thread-safe.
 *
 * <p>A protobuf value with fields its type does not know is taken as written for another type and rejected: protobuf
 * itself parses almost any bytes as almost any message. The price: a producer on a newer version of the message
 * (with added fields) must be read with that version.
 */
public final class TopicCodec {

    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private final EnvelopeCodec envelopeCodec;
    private final ObjectMapper mapper;
    private final Map<Class<?>, Parser<?>> parsers = new ConcurrentHashMap<>();

    /** @param envelopeCodec the runtime's envelope codec; its mapper converts payloads and plain JSON */
    public TopicCodec(EnvelopeCodec envelopeCodec) {
        this.envelopeCodec = Objects.requireNonNull(envelopeCodec, "envelopeCodec");
        this.mapper = envelopeCodec.mapper();
    }

    /** The JSON mapper (the envelope codec's). */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** A value decoded from a record: the typed value and, on ONEX topics, the envelope it came in. */
    public record Decoded(Object value, EventEnvelope envelope) {
    }

    /**
     * The payload of an ONEX envelope carrying {@code value}.
     *
     * @throws InvalidInputException when Jackson cannot turn the value into a JSON object
     */
    public Map<String, Object> toPayload(Object value) {
        try {
            return mapper.convertValue(value, PAYLOAD);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("value of type " + value.getClass().getName()
                    + " is no JSON object, as an ONEX payload must be: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * The record bytes of a value on a topic without envelope.
     *
     * @param wire {@link Wire#RAW_JSON} or {@link Wire#PROTOBUF}
     * @throws InvalidInputException when the value does not fit the wire format
     */
    public byte[] encodeRaw(Wire wire, Object value) {
        if (wire == Wire.PROTOBUF) {
            if (!(value instanceof Message message)) {
                throw new InvalidInputException("a protobuf topic takes protobuf messages, but was given "
                        + value.getClass().getName());
            }
            return message.toByteArray();
        }
        if (wire != Wire.RAW_JSON) {
            throw new IllegalArgumentException("encodeRaw takes RAW_JSON or PROTOBUF, but was " + wire);
        }
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("value of type " + value.getClass().getName()
                    + " cannot be written as JSON: " + firstLine(e.getOriginalMessage()), e);
        }
    }

    /**
     * Decodes a record value.
     *
     * @param topic the record's topic, for the message
     * @param type what the topic carries
     * @param bytes the record value
     * @throws UndecodableValueException naming the topic and the type when the bytes are not one
     */
    public Decoded decode(String topic, TopicType type, byte[] bytes) {
        if (bytes == null) {
            throw new UndecodableValueException(topic, type, "the record has no value", null);
        }
        return switch (type.wire()) {
            case PROTOBUF -> new Decoded(parseProtobuf(topic, type, bytes), null);
            case RAW_JSON -> new Decoded(readJson(topic, type, bytes), null);
            case ONEX_JSON -> decodeEnvelope(topic, type, bytes);
        };
    }

    private Decoded decodeEnvelope(String topic, TopicType type, byte[] bytes) {
        EventEnvelope envelope;
        try {
            envelope = envelopeCodec.decode(bytes);
        } catch (InvalidInputException e) {
            throw new UndecodableValueException(topic, type, firstLine(e.getMessage()), e);
        }
        if (type.type() == Map.class || type.type() == Object.class) {
            return new Decoded(envelope.payload(), envelope);
        }
        try {
            return new Decoded(PayloadConversion.convert(mapper, envelope.payload(), type.type()), envelope);
        } catch (IllegalArgumentException e) {
            throw new UndecodableValueException(topic, type, firstLine(e.getMessage()), e);
        }
    }

    private Object readJson(String topic, TopicType type, byte[] bytes) {
        try {
            return mapper.readValue(bytes, type.type());
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new UndecodableValueException(topic, type, firstLine(reason), e);
        }
    }

    private Object parseProtobuf(String topic, TopicType type, byte[] bytes) {
        Message message;
        try {
            message = (Message) parser(type.type()).parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new UndecodableValueException(topic, type, firstLine(e.getMessage()), e);
        }
        if (!message.getUnknownFields().asMap().isEmpty()) {
            throw new UndecodableValueException(topic, type, "fields " + message.getUnknownFields().asMap().keySet()
                    + " are not fields of " + message.getDescriptorForType().getFullName(), null);
        }
        return message;
    }

    private Parser<?> parser(Class<?> type) {
        return parsers.computeIfAbsent(type, t -> {
            try {
                return (Parser<?>) t.getMethod("parser").invoke(null);
            } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalArgumentException(t.getName() + " has no static parser(): not a generated protobuf"
                        + " message class", e);
            }
        });
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
