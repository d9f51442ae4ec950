package io.onex.runtime.ops;

import com.fasterxml.jackson.core.type.TypeReference;
import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.runtime.deadletter.DeadLetterHeaders;
import io.onex.runtime.deadletter.SecretRedactor;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads a record of a dead-letter topic as a {@link DeadLetterView}: the {@code onex.dlq.*} headers first (what
 * tools that read only headers see), the JSON value of WIRE.md ("Dead-letter records") for the rest. A record that
 * is neither is shown with error type {@code ?} and its bytes escaped. Thread-safe.
 */
public final class DeadLetterReader {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final EnvelopeCodec codec;

    public DeadLetterReader(EnvelopeCodec codec) {
        this.codec = codec;
    }

    public DeadLetterView read(ConsumerRecord<byte[], byte[]> r) {
        Map<String, Object> value = jsonObject(r.value());
        Map<?, ?> error = value.get("error") instanceof Map<?, ?> m ? m : Map.of();
        String type = first(header(r, DeadLetterHeaders.EXCEPTION_CLASS), error.get("type"));
        String message = first(header(r, DeadLetterHeaders.EXCEPTION_MESSAGE), error.get("message"));
        String originalTopic = first(header(r, DeadLetterHeaders.ORIGINAL_TOPIC), value.get("original_topic"));
        Optional<Integer> originalPartition = number(first(header(r, DeadLetterHeaders.ORIGINAL_PARTITION),
                value.get("original_partition"))).map(Long::intValue);
        Optional<Long> originalOffset = number(first(header(r, DeadLetterHeaders.ORIGINAL_OFFSET),
                value.get("original_offset")));
        int attempts = number(first(header(r, DeadLetterHeaders.ATTEMPTS), value.get("retry_count")))
                .orElse(0L).intValue();
        Optional<String> nodeId = Optional.ofNullable(first(header(r, DeadLetterHeaders.NODE_ID),
                value.get("node_id")));
        Builder b = new Builder(Optional.ofNullable(text(value.get("correlation_id"))));
        if (value.get("original_envelope") instanceof Map<?, ?> original) {
            b.envelope(original);
        } else if (value.get("original_value_base64") instanceof String base64) {
            b.base64(base64);
        } else if (type == null && message == null) {
            b.raw = Optional.of(SafeText.bytes(r.value(), RecordDecoder.RAW_BYTES_SHOWN));
        }
        return new DeadLetterView(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                r.key() == null ? null : SafeText.bytes(r.key(), 200),
                type == null ? DeadLetterView.UNKNOWN : type,
                message == null ? "" : SecretRedactor.redact(message),
                originalTopic == null ? DeadLetterView.UNKNOWN : originalTopic, originalPartition, originalOffset,
                attempts, nodeId, replayCount(r), b.eventId, b.eventType, b.correlationId, b.source, b.payload, b.raw);
    }

    /** The record's {@link DeadLetterHeaders#REPLAY_COUNT}, 0 when absent or not a number. */
    public static int replayCount(ConsumerRecord<byte[], byte[]> r) {
        return number(header(r, DeadLetterHeaders.REPLAY_COUNT)).orElse(0L).intValue();
    }

    /** What the original part of the letter decodes to. */
    private final class Builder {
        Optional<String> eventId = Optional.empty();
        Optional<String> eventType = Optional.empty();
        Optional<String> correlationId;
        Map<String, Object> source = Map.of();
        Map<String, Object> payload = Map.of();
        Optional<String> raw = Optional.empty();

        Builder(Optional<String> correlationId) {
            this.correlationId = correlationId;
        }

        void envelope(Map<?, ?> original) {
            try {
                EventEnvelope e = codec.decode(codec.mapper().writeValueAsBytes(original));
                eventId = Optional.of(e.eventId());
                eventType = Optional.of(e.eventType());
                correlationId = Optional.of(e.correlationId());
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("service", e.source().service());
                s.put("node_type", e.source().nodeType());
                s.put("node_id", e.source().nodeId());
                source = s;
                payload = RecordDecoder.masked(e.payload());
            } catch (IOException | InvalidInputException notAnEnvelope) {
                raw = Optional.of(SafeText.escape(SecretRedactor.redact(String.valueOf(original)),
                        RecordDecoder.RAW_BYTES_SHOWN));
            }
        }

        void base64(String base64) {
            try {
                raw = Optional.of(SafeText.bytes(Base64.getDecoder().decode(base64), RecordDecoder.RAW_BYTES_SHOWN));
            } catch (IllegalArgumentException notBase64) {
                raw = Optional.of(SafeText.escape(base64, RecordDecoder.RAW_BYTES_SHOWN));
            }
        }
    }

    private Map<String, Object> jsonObject(byte[] bytes) {
        if (bytes == null) {
            return Map.of();
        }
        try {
            Map<String, Object> m = codec.mapper().readValue(bytes, MAP);
            return m == null ? Map.of() : m;
        } catch (IOException notJsonObject) {
            return Map.of();
        }
    }

    private static String first(String header, Object valueField) {
        return header != null ? header : text(valueField);
    }

    private static Optional<Long> number(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }
}
