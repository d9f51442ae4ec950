package io.onex.runtime.ops;

import com.fasterxml.jackson.core.type.TypeReference;
import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.api.topic.TopicName;
import io.onex.runtime.deadletter.DeadLetterHeaders;
import io.onex.runtime.deadletter.SecretRedactor;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns a raw record into a {@link RecordView}: an ONEX envelope through the runtime's {@link EnvelopeCodec}; a dead
 * letter by its {@code onex.dlq.*} headers ({@link DeadLetterHeaders}) and its JSON value (the original envelope,
 * or the original bytes in base64, and the error); anything else as escaped, cut bytes with the decoder's complaint.
 */
public final class RecordDecoder {

    /** Bytes of an undecodable value shown. */
    static final int RAW_BYTES_SHOWN = 120;

    private static final Pattern SECRET_KEY =
            Pattern.compile("(?i).*(password|passwd|secret|token|api[_-]?key|authorization|credential).*");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final EnvelopeCodec codec;

    public RecordDecoder(EnvelopeCodec codec) {
        this.codec = codec;
    }

    public RecordView decode(ConsumerRecord<byte[], byte[]> r) {
        String key = r.key() == null ? null : SafeText.bytes(r.key(), 200);
        Instant time = Instant.ofEpochMilli(r.timestamp());
        String exceptionClass = header(r, DeadLetterHeaders.EXCEPTION_CLASS);
        if (exceptionClass != null || TopicName.isDeadLetter(r.topic())) {
            Optional<RecordView> letter = deadLetter(r, key, time, exceptionClass);
            if (letter.isPresent()) {
                return letter.get();
            }
        }
        try {
            EventEnvelope e = codec.decode(r.value());
            return new RecordView(r.topic(), r.partition(), r.offset(), time, key, RecordView.Kind.ENVELOPE,
                    Optional.of(e.eventType()), Optional.of(e.timestamp()), Optional.of(e.correlationId()),
                    masked(e.payload()), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        } catch (InvalidInputException notAnEnvelope) {
            return undecodable(r, key, time, notAnEnvelope.getMessage());
        }
    }

    private Optional<RecordView> deadLetter(ConsumerRecord<byte[], byte[]> r, String key, Instant time,
            String exceptionClass) {
        Map<String, Object> value;
        try {
            value = r.value() == null ? Map.of() : codec.mapper().readValue(r.value(), MAP);
        } catch (IOException notJson) {
            if (exceptionClass == null) {
                return Optional.empty(); // a .dlq topic with something else on it: shown as undecodable
            }
            value = Map.of();
        }
        Object errorObject = value.get("error");
        Map<?, ?> error = errorObject instanceof Map<?, ?> m ? m : Map.of();
        String type = exceptionClass != null ? exceptionClass : text(error.get("type"));
        String message = Optional.ofNullable(header(r, DeadLetterHeaders.EXCEPTION_MESSAGE))
                .orElse(text(error.get("message")));
        if (type == null && message == null) {
            return Optional.empty();
        }
        String originTopic = Optional.ofNullable(header(r, DeadLetterHeaders.ORIGINAL_TOPIC))
                .orElse(text(value.get("original_topic")));
        String originPartition = Optional.ofNullable(header(r, DeadLetterHeaders.ORIGINAL_PARTITION))
                .orElse(text(value.get("original_partition")));
        String originOffset = Optional.ofNullable(header(r, DeadLetterHeaders.ORIGINAL_OFFSET))
                .orElse(text(value.get("original_offset")));
        String attempts = Optional.ofNullable(header(r, DeadLetterHeaders.ATTEMPTS))
                .orElse(text(value.get("retry_count")));
        String nodeId = Optional.ofNullable(header(r, DeadLetterHeaders.NODE_ID)).orElse(text(value.get("node_id")));
        StringBuilder origin = new StringBuilder(originTopic == null ? "?" : originTopic);
        if (originPartition != null) {
            origin.append('[').append(originPartition).append(']');
        }
        if (originOffset != null) {
            origin.append('@').append(originOffset);
        }
        if (attempts != null) {
            origin.append(", ").append(attempts).append(" attempt(s)");
        }
        if (nodeId != null) {
            origin.append(", node ").append(nodeId);
        }
        Optional<String> eventType = Optional.empty();
        Optional<Instant> eventTime = Optional.empty();
        Optional<String> correlationId = Optional.ofNullable(text(value.get("correlation_id")));
        Map<String, Object> payload = Map.of();
        Optional<String> raw = Optional.empty();
        if (value.get("original_envelope") instanceof Map<?, ?> original) {
            try {
                EventEnvelope e = codec.decode(codec.mapper().writeValueAsBytes(original));
                eventType = Optional.of(e.eventType());
                eventTime = Optional.of(e.timestamp());
                correlationId = Optional.of(e.correlationId());
                payload = masked(e.payload());
            } catch (IOException | InvalidInputException notAnEnvelope) {
                raw = Optional.of(SafeText.escape(String.valueOf(original), RAW_BYTES_SHOWN));
            }
        } else if (value.get("original_value_base64") instanceof String base64) {
            try {
                raw = Optional.of(SafeText.bytes(java.util.Base64.getDecoder().decode(base64), RAW_BYTES_SHOWN));
            } catch (IllegalArgumentException notBase64) {
                raw = Optional.of(SafeText.escape(base64, RAW_BYTES_SHOWN));
            }
        }
        String errorText = (type == null ? "?" : type) + ": " + SecretRedactor.redact(message == null ? "" : message);
        return Optional.of(new RecordView(r.topic(), r.partition(), r.offset(), time, key,
                RecordView.Kind.DEAD_LETTER, eventType, eventTime, correlationId, payload, Optional.of(errorText),
                Optional.of(origin.toString()), Optional.empty(), raw));
    }

    private static RecordView undecodable(ConsumerRecord<byte[], byte[]> r, String key, Instant time, String why) {
        return new RecordView(r.topic(), r.partition(), r.offset(), time, key, RecordView.Kind.UNDECODABLE,
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(),
                Optional.of(why), Optional.of(SafeText.bytes(r.value(), RAW_BYTES_SHOWN)));
    }

    /** The payload with values under secret-looking keys masked, and secrets inside strings redacted. */
    static Map<String, Object> masked(Map<String, Object> payload) {
        Map<String, Object> out = new LinkedHashMap<>();
        payload.forEach((k, v) -> out.put(k, SECRET_KEY.matcher(k).matches() ? SecretRedactor.MASK : maskedValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object maskedValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return masked((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(RecordDecoder::maskedValue).toList();
        }
        if (v instanceof String s) {
            return SecretRedactor.redact(s);
        }
        return v;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }
}
