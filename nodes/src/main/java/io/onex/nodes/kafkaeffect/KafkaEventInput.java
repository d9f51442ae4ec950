package io.onex.nodes.kafkaeffect;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * What to publish.
 *
 * @param topic the topic, before the configured prefix is applied ({@code quality.assessed.v1}) or an ONEX reference
 * @param eventType the envelope's event type
 * @param payload event-specific fields
 * @param correlationId correlation id; null takes the call's
 * @param partitionKey record key; null keys by correlation id
 * @param headers extra record headers
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KafkaEventInput(String topic, String eventType, Map<String, Object> payload, String correlationId,
        String partitionKey, Map<String, String> headers) {
}
