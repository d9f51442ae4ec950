package io.onex.nodes.kafkaeffect;

import io.onex.api.EffectNode;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeContext;
import io.onex.api.OutboundEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publishes one event, wrapped in the ONEX envelope, with topic routing by the configured prefix
 * ({@code {topic_prefix}.{topic}}), key = partition key else correlation id, and caller headers passed through.
 * Retry, circuit breaker, timeout and DLQ come from the runtime's pipeline, as its contract declares.
 */
public final class NodeKafkaEventEffect implements EffectNode<KafkaEventInput, KafkaEventOutput> {

    @Override
    public Class<KafkaEventInput> inputType() {
        return KafkaEventInput.class;
    }

    @Override
    public CompletionStage<KafkaEventOutput> executeEffect(KafkaEventInput input, NodeContext context) {
        if (input.topic() == null || input.topic().isBlank()) {
            return CompletableFuture.failedFuture(new InvalidInputException("topic: required, expected a topic name"));
        }
        if (input.eventType() == null || input.eventType().isBlank()) {
            return CompletableFuture.failedFuture(new InvalidInputException("event_type: required, expected e.g. DOCUMENT_INGESTED"));
        }
        OutboundEvent.Builder event = OutboundEvent.builder(route(input.topic(), context), input.eventType())
                .correlationId(input.correlationId() != null ? input.correlationId() : context.correlationId())
                .partitionKey(input.partitionKey());
        if (input.payload() != null) {
            event.payload(input.payload());
        }
        if (input.headers() != null) {
            event.headers(input.headers());
        }
        return context.publisher().publish(event.build())
                .thenApply(r -> new KafkaEventOutput(true, r.topic(), r.partition(), r.offset(), r.eventId()));
    }

    static String route(String topic, NodeContext context) {
        Object prefix = context.config().get("topic_prefix");
        String p = prefix == null ? "" : prefix.toString().trim();
        return p.isEmpty() ? topic : p + "." + topic;
    }
}
