package io.onex.runtime.workflow;

import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.OutboundEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Records what the engine publishes; acknowledges every event at once. */
final class RecordingPublisher implements EventPublisher {

    final List<OutboundEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public CompletionStage<DeliveryReceipt> publish(OutboundEvent event) {
        events.add(event);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String partitionKey, EventEnvelope envelope) {
        throw new UnsupportedOperationException("the engine publishes OutboundEvents only");
    }

    List<String> types() {
        synchronized (events) {
            return events.stream().map(OutboundEvent::eventType).toList();
        }
    }
}
