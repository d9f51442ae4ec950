package io.onex.api;

import java.util.Objects;

/**
 * Where a published record landed.
 *
 * @param topic the topic it was written to
 * @param partition the partition
 * @param offset its offset in the partition
 * @param eventId the envelope's event id
 */
public record DeliveryReceipt(String topic, int partition, long offset, String eventId) {
    public DeliveryReceipt {
        Objects.requireNonNull(topic, "topic");
    }
}
