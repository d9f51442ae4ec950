package io.onex.runtime.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onex.api.NodeExecutionException;
import io.onex.api.topic.TopicName;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.RecordOrigin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Turns a {@link DeadLetter} into the dead-letter record of WIRE.md: JSON value plus {@code onex.dlq.*} headers. */
final class DeadLetterEncoder {

    /** Longest error message written; the rest is cut so a huge message cannot bloat the DLQ. */
    static final int MAX_MESSAGE_CHARS = 1000;

    /**
     * Largest undecodable value a dead letter carries (as base64, a third larger). A larger one is left out, with its
     * size and where it stays: the broker's default limit (1 MiB a record) would refuse the dead letter, and the
     * record could then never be done.
     */
    static final int MAX_ORIGINAL_VALUE_BYTES = 512 * 1024;

    private final ObjectMapper mapper;
    private final EnvelopeCodec codec;

    DeadLetterEncoder(ObjectMapper mapper) {
        this.mapper = mapper;
        this.codec = new EnvelopeCodec(mapper);
    }

    private static void putOriginalValue(ObjectNode value, DeadLetter letter) {
        byte[] bytes = letter.origin().value();
        if (bytes == null || bytes.length <= MAX_ORIGINAL_VALUE_BYTES) {
            value.put("original_value_base64", bytes == null ? null : Base64.getEncoder().encodeToString(bytes));
            return;
        }
        RecordOrigin o = letter.origin();
        String place = o.topic() + (o.partition() == null ? "" : "[" + o.partition() + "]")
                + (o.offset() == null ? "" : "@" + o.offset());
        value.putNull("original_value_base64");
        value.put("original_value_bytes", bytes.length);
        value.put("original_value_omitted", "the original value is " + bytes.length + " bytes, over the "
                + MAX_ORIGINAL_VALUE_BYTES + " a dead letter carries; it stays at " + place);
    }

    ProducerRecord<byte[], byte[]> encode(DeadLetter letter, Instant failedAt) {
        return encode(letter, failedAt, TopicName.deadLetterOf(letter.originalTopic()));
    }

    /** The record of a letter, to a dead-letter topic named by a contract. */
    ProducerRecord<byte[], byte[]> encode(DeadLetter letter, Instant failedAt, String dlqTopic) {
        Throwable root = rootFailure(letter.failure());
        String type = root.getClass().getName();
        String message = SecretRedactor.redactAndTruncate(root.getMessage(), MAX_MESSAGE_CHARS);
        String failedAtText = DateTimeFormatter.ISO_INSTANT.format(failedAt);

        ObjectNode value = mapper.createObjectNode();
        value.put("original_topic", letter.originalTopic());
        value.putPOJO("original_partition", letter.origin().partition());
        value.putPOJO("original_offset", letter.origin().offset());
        if (letter.originalEnvelope() != null) {
            value.set("original_envelope", readTree(codec.encode(letter.originalEnvelope())));
        } else {
            putOriginalValue(value, letter);
        }
        ObjectNode error = value.putObject("error");
        error.put("type", type);
        error.put("message", message);
        value.put("retry_count", letter.retryCount());
        value.put("failed_at", failedAtText);
        value.put("node_id", letter.nodeId());
        value.put("correlation_id", letter.correlationId());

        Headers headers = new RecordHeaders();
        for (Header h : letter.origin().headers()) {
            // a record dead-lettered again must carry one set of error headers, not a growing pile
            if (!h.key().startsWith(DeadLetterHeaders.PREFIX)) {
                headers.add(h.key(), h.value());
            }
        }
        add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, letter.originalTopic());
        if (letter.origin().partition() != null) {
            add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, letter.origin().partition().toString());
        }
        if (letter.origin().offset() != null) {
            add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, letter.origin().offset().toString());
        }
        add(headers, DeadLetterHeaders.EXCEPTION_CLASS, type);
        add(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, message);
        add(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(letter.retryCount()));
        if (letter.nodeId() != null) {
            add(headers, DeadLetterHeaders.NODE_ID, letter.nodeId());
        }
        add(headers, DeadLetterHeaders.FAILED_AT, failedAtText);

        byte[] key = letter.origin().key() != null ? letter.origin().key()
                : letter.correlationId() == null ? null : letter.correlationId().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(dlqTopic, null, key, toBytes(value), headers);
    }

    /** The failure a reader cares about: wrappers added by futures and by the pipeline are peeled off. */
    static Throwable rootFailure(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException
                || cur instanceof NodeExecutionException) && cur.getCause() != null && cur.getCause() != cur) {
            cur = cur.getCause();
        }
        return cur;
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-read an envelope the codec just wrote", e);
        }
    }

    private byte[] toBytes(ObjectNode value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize dead-letter record", e);
        }
    }
}
