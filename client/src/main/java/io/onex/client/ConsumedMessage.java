package io.onex.client;

import io.onex.api.EventEnvelope;
import java.util.Objects;
import java.util.Optional;

/**
 * One consumed record, decoded by its topic's type.
 *
 * @param topic the full topic name
 * @param partition the partition
 * @param offset the offset
 * @param key the record key as UTF-8 text, or null
 * @param value the decoded value: the topic's type ({@link TopicTypes}), a map for unmapped ONEX topics
 * @param envelope the ONEX envelope the value came in, or null on topics without envelope
 */
public record ConsumedMessage(String topic, int partition, long offset, String key, Object value,
        EventEnvelope envelope) {

    public ConsumedMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
    }

    /**
     * The value as the given type.
     *
     * @throws ClassCastException naming both types when the value is another
     */
    public <T> T value(Class<T> type) {
        if (!type.isInstance(value)) {
            throw new ClassCastException("value of " + topic + " is a " + value.getClass().getName() + ", not a "
                    + type.getName());
        }
        return type.cast(value);
    }

    /** The envelope, on ONEX topics. */
    public Optional<EventEnvelope> envelopeIfAny() {
        return Optional.ofNullable(envelope);
    }
}
