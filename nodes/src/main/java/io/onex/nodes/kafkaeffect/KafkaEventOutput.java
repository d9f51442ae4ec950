package io.onex.nodes.kafkaeffect;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.onex.api.DeliveryReceipt;
import java.util.List;

/**
 * The delivery confirmation. For {@code publish_to_dlq} it says where the dead-letter record landed; for a batch,
 * {@code results} holds one entry per event in input order and {@code success} is true when every event was
 * acknowledged (an atomic batch either succeeds whole or fails the call).
 *
 * @param success whether the broker acknowledged the record(s)
 * @param topic the full topic written to (null for a batch)
 * @param partition the partition (-1 when not written)
 * @param offset the offset (-1 when not written)
 * @param eventId the envelope's event id
 * @param error why this event was not written (non-atomic batch entries), else null
 * @param results per-event results of a batch, else empty
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KafkaEventOutput(boolean success, String topic, int partition, long offset, String eventId,
        String error, List<KafkaEventOutput> results) {

    public KafkaEventOutput {
        results = results == null ? List.of() : List.copyOf(results);
    }

    static KafkaEventOutput delivered(DeliveryReceipt r) {
        return new KafkaEventOutput(true, r.topic(), r.partition(), r.offset(), r.eventId(), null, List.of());
    }

    static KafkaEventOutput failed(String topic, String eventId, String error) {
        return new KafkaEventOutput(false, topic, -1, -1, eventId, error, List.of());
    }

    static KafkaEventOutput batch(List<KafkaEventOutput> results) {
        boolean all = results.stream().allMatch(KafkaEventOutput::success);
        return new KafkaEventOutput(all, null, -1, -1, null, null, results);
    }
}
