package io.onex.nodes.kafkaeffect;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The delivery confirmation.
 *
 * @param success whether the broker acknowledged the record
 * @param topic the full topic written to
 * @param partition the partition
 * @param offset the offset
 * @param eventId the envelope's event id
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KafkaEventOutput(boolean success, String topic, int partition, long offset, String eventId) {
}
