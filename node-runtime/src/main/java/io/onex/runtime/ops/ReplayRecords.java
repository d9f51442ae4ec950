package io.onex.runtime.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.runtime.deadletter.DeadLetterHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The record a dead letter is replayed as: the original envelope as the letter holds it (same event id, same
 * fields) or the original bytes when they were not an envelope; the letter's key (the original's, else the
 * correlation id); the original headers, without the {@code onex.dlq.*} error headers, and
 * {@link DeadLetterHeaders#REPLAY_COUNT} one more than the letter's. Thread-safe.
 */
public final class ReplayRecords {

    private final ObjectMapper mapper;

    public ReplayRecords(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param destination the topic to publish to; empty: the letter's original topic
     * @return the record, or empty when the letter holds no original to publish or names no original topic
     */
    public Optional<ProducerRecord<byte[], byte[]>> replayOf(ConsumerRecord<byte[], byte[]> letterRecord,
            DeadLetterView letter, Optional<String> destination) {
        Optional<byte[]> value = originalValue(letterRecord.value());
        String topic = destination.orElse(letter.originalTopic());
        if (value.isEmpty() || DeadLetterView.UNKNOWN.equals(topic)) {
            return Optional.empty();
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header h : letterRecord.headers()) {
            if (!h.key().startsWith(DeadLetterHeaders.PREFIX) && !h.key().equals(DeadLetterHeaders.REPLAY_COUNT)) {
                headers.add(h.key(), h.value());
            }
        }
        headers.add(DeadLetterHeaders.REPLAY_COUNT,
                Integer.toString(letter.replayCount() + 1).getBytes(StandardCharsets.UTF_8));
        return Optional.of(new ProducerRecord<>(topic, null, letterRecord.key(), value.get(), headers));
    }

    private Optional<byte[]> originalValue(byte[] letterValue) {
        if (letterValue == null) {
            return Optional.empty();
        }
        try {
            JsonNode letter = mapper.readTree(letterValue);
            JsonNode envelope = letter.path("original_envelope");
            if (envelope.isObject()) {
                return Optional.of(mapper.writeValueAsBytes(envelope));
            }
            JsonNode raw = letter.path("original_value_base64");
            return raw.isTextual() ? Optional.of(Base64.getDecoder().decode(raw.asText())) : Optional.empty();
        } catch (IOException | IllegalArgumentException notALetter) {
            return Optional.empty();
        }
    }
}
