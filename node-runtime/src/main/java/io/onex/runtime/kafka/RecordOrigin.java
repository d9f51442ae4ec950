package io.onex.runtime.kafka;

import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Where a failed call's input came from: the consumed record (topic, partition, offset, key, headers, raw value), or,
 * for what was not consumed (a direct call, an event a node tried to publish), the topic it belongs to and what is
 * known of it. A dead letter names it as {@code original_*}; a replay needs it.
 *
 * <pre>{@code
 * RecordOrigin consumed = RecordOrigin.of(record);
 * RecordOrigin sent = RecordOrigin.unconsumed("dev.orders.v1", key, headers, null);
 * }</pre>
 *
 * @param topic the full topic name (of the consumed record, or the topic the event belongs to)
 * @param partition the consumed record's partition, or null when nothing was consumed
 * @param offset the consumed record's offset, or null when nothing was consumed
 * @param key the record key, or null
 * @param headers the record headers (never null; empty when there are none)
 * @param value the raw record value, or null
 */
public record RecordOrigin(String topic, Integer partition, Long offset, byte[] key, Headers headers, byte[] value) {

    public RecordOrigin {
        Objects.requireNonNull(topic, "topic");
        headers = headers == null ? new RecordHeaders() : headers;
    }

    /** The origin of a consumed record. */
    public static RecordOrigin of(ConsumerRecord<byte[], byte[]> record) {
        return new RecordOrigin(record.topic(), record.partition(), record.offset(), record.key(), record.headers(),
                record.value());
    }

    /**
     * An origin that was not consumed: no partition, no offset.
     *
     * @param topic the full topic name
     * @param key the key, or null
     * @param headers the headers, or null for none
     * @param value the raw value, or null
     */
    public static RecordOrigin unconsumed(String topic, byte[] key, Headers headers, byte[] value) {
        return new RecordOrigin(topic, null, null, key, headers, value);
    }

    /** This origin with another raw value. */
    public RecordOrigin withValue(byte[] newValue) {
        return new RecordOrigin(topic, partition, offset, key, headers, newValue);
    }

    /** This origin under another topic (a call that names its own dead-letter topic). */
    public RecordOrigin withTopic(String newTopic) {
        return new RecordOrigin(newTopic, partition, offset, key, headers, value);
    }
}
