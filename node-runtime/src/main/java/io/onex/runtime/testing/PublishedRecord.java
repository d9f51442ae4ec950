package io.onex.runtime.testing;

import io.onex.api.EventEnvelope;
import java.util.Map;
import org.apache.kafka.common.header.Headers;

/**
 * One record a node published, as {@link NodeTestKit#published()} read it back from the {@code MockProducer}.
 *
 * @param topic the full topic name it went to
 * @param key the record key as text (the correlation id unless the node chose another), or null
 * @param envelope the decoded ONEX envelope
 * @param headers the record headers
 */
public record PublishedRecord(String topic, String key, EventEnvelope envelope, Headers headers) {

    /** The envelope's {@code event_type}. */
    public String eventType() {
        return envelope.eventType();
    }

    /** The envelope's {@code payload}. */
    public Map<String, Object> payload() {
        return envelope.payload();
    }
}
