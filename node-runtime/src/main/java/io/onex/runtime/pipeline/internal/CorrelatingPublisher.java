package io.onex.runtime.pipeline.internal;

import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.OutboundEvent;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletionStage;

/**
 * The publisher a node sees during a call: events that set no correlation or causation id get the call's, so a
 * flow stays traceable without the node passing ids around; and every event is sent in the call's trace context,
 * also when the node publishes later from a thread of its own.
 */
public final class CorrelatingPublisher implements EventPublisher {

    private final EventPublisher delegate;
    private final String correlationId;
    private final String causationId;
    private final Context trace;

    /**
     * @param delegate the node's publisher
     * @param correlationId the call's correlation id
     * @param causationId the id of the event that caused the call, or null
     */
    public CorrelatingPublisher(EventPublisher delegate, String correlationId, String causationId) {
        this(delegate, correlationId, causationId, null);
    }

    /**
     * As {@link #CorrelatingPublisher(EventPublisher, String, String)}, sending in a trace context.
     *
     * @param trace the call's trace context, or null to send in whatever context is current
     */
    public CorrelatingPublisher(EventPublisher delegate, String correlationId, String causationId, Context trace) {
        this.delegate = delegate;
        this.correlationId = correlationId;
        this.causationId = causationId;
        this.trace = trace;
    }

    @Override
    public CompletionStage<DeliveryReceipt> publish(OutboundEvent event) {
        OutboundEvent correlated = (event.correlationId() != null || correlationId == null)
                && (event.causationId() != null || causationId == null) ? event
                : new OutboundEvent(event.topic(), event.eventType(), event.payload(),
                        event.correlationId() != null ? event.correlationId() : correlationId,
                        event.causationId() != null ? event.causationId() : causationId,
                        event.partitionKey(), event.headers(), event.metadata());
        if (trace == null) {
            return delegate.publish(correlated);
        }
        try (Scope ignored = trace.makeCurrent()) {
            return delegate.publish(correlated);
        }
    }

    @Override
    public CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String partitionKey, EventEnvelope envelope) {
        // a built envelope already carries its ids: forwarding must not rewrite them
        if (trace == null) {
            return delegate.publishEnvelope(topic, partitionKey, envelope);
        }
        try (Scope ignored = trace.makeCurrent()) {
            return delegate.publishEnvelope(topic, partitionKey, envelope);
        }
    }
}
