package io.onex.runtime.testing;

import java.util.Map;
import org.apache.kafka.common.header.Headers;

/**
 * One record written to a dead-letter topic, as {@link NodeTestKit#deadLetters()} read it back: the JSON of the
 * docs/wire-format.md's "Dead-letter records" as a map, with accessors for the fields tests look at most.
 *
 * @param topic the dead-letter topic ({@code <original topic>.dlq})
 * @param key the record key as text, or null
 * @param value the record's JSON fields
 * @param headers the record headers ({@code onex.dlq.*})
 */
public record DeadLetterRecord(String topic, String key, Map<String, Object> value, Headers headers) {

    /** {@code original_topic}. */
    public String originalTopic() {
        return (String) value.get("original_topic");
    }

    /** {@code error.type}: the failure's class name. */
    public String errorType() {
        return error().get("type");
    }

    /** {@code error.message} (redacted and truncated like every dead-letter message). */
    public String errorMessage() {
        return error().get("message");
    }

    /** {@code retry_count}: the attempts made before it was dead-lettered. */
    public int retryCount() {
        return ((Number) value.get("retry_count")).intValue();
    }

    /** {@code original_envelope}, when the record was an envelope. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> originalEnvelope() {
        return (Map<String, Object>) value.get("original_envelope");
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> error() {
        return (Map<String, String>) value.getOrDefault("error", Map.of());
    }
}
