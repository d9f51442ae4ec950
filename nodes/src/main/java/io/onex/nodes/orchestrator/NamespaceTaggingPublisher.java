package io.onex.nodes.orchestrator;

import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.OutboundEvent;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Adds the run's {@code namespace} to the workflow engine's events of a stamping run (started, step completed, state
 * transition, completed, failed), looked up by the event's correlation id. Without it a consumer that groups by
 * namespace (the reducer) must learn a run's namespace from its stamp, which travels on another topic and may arrive
 * after the run's completed event.
 *
 * <p>Remembers the namespaces of the last {@code capacity} runs (bounded; the oldest forgotten first).
 */
final class NamespaceTaggingPublisher implements EventPublisher {

    private final EventPublisher delegate;
    private final Map<String, String> namespaces;

    NamespaceTaggingPublisher(EventPublisher delegate, int capacity) {
        this.delegate = delegate;
        this.namespaces = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Tags the events of the run with this correlation id from now on. */
    void remember(String correlationId, String namespace) {
        synchronized (namespaces) {
            namespaces.put(correlationId, namespace);
        }
    }

    @Override
    public CompletionStage<DeliveryReceipt> publish(OutboundEvent event) {
        String namespace = event.correlationIdIfSet().map(this::namespaceOf).orElse(null);
        if (namespace == null || event.payload().containsKey(WorkflowEventFields.NAMESPACE)) {
            return delegate.publish(event);
        }
        Map<String, Object> payload = new LinkedHashMap<>(event.payload());
        payload.put(WorkflowEventFields.NAMESPACE, namespace);
        return delegate.publish(new OutboundEvent(event.topic(), event.eventType(), payload, event.correlationId(),
                event.causationId(), event.partitionKey(), event.headers(), event.metadata()));
    }

    @Override
    public CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String partitionKey, EventEnvelope envelope) {
        return delegate.publishEnvelope(topic, partitionKey, envelope);
    }

    /** The namespace of the run with this correlation id, if remembered. */
    String namespaceOf(String correlationId) {
        synchronized (namespaces) {
            return namespaces.get(correlationId);
        }
    }
}
