package io.onex.runtime.pipeline.internal;

import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.OutboundEvent;
import java.util.concurrent.CompletionStage;

/**
 * The publisher a node sees during a call: events that set no correlation or causation id get the call's, so a
 * flow stays traceable without the node passing ids around.
 */
public final class CorrelatingPublisher implements EventPublisher {

    private final EventPublisher delegate;
    private final String correlationId;
    private final String causationId;

    /**
     * @param delegate the node's publisher
     * @param correlationId the call's correlation id
     * @param causationId the id of the event that caused the call, or null
     */
    public CorrelatingPublisher(EventPublisher delegate, String correlationId, String causationId) {
        this.delegate = delegate;
        this.correlationId = correlationId;
        this.causationId = causationId;
    }

    @Override
    public CompletionStage<DeliveryReceipt> publish(OutboundEvent event) {
        if ((event.correlationId() != null || correlationId == null)
                && (event.causationId() != null || causationId == null)) {
            return delegate.publish(event);
        }
        return delegate.publish(new OutboundEvent(event.topic(), event.eventType(), event.payload(),
                event.correlationId() != null ? event.correlationId() : correlationId,
                event.causationId() != null ? event.causationId() : causationId,
                event.partitionKey(), event.headers(), event.metadata()));
    }

    @Override
    public CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String partitionKey, EventEnvelope envelope) {
        // a built envelope already carries its ids: forwarding must not rewrite them
        return delegate.publishEnvelope(topic, partitionKey, envelope);
    }
}
