package io.onex.nodes.orchestrator;

import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.OutboundEvent;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.util.function.Function;
import java.util.concurrent.CompletionStage;

/**
 * Holds a run's started event until its started record is in the run log, so that a started event never goes out
 * for a run the log does not know (a restart could then neither complete nor fail it). The engine makes the run's id
 * and announces it in this event first, which is why the record is written here. Sits on the engine's side of any
 * hand-off: the record is sent before the run's steps can send theirs, in the order of the log's partition.
 */
final class StartRecordingPublisher implements EventPublisher {

    private final EventPublisher delegate;
    private final Function<OutboundEvent, CompletionStage<Void>> recordStart;

    StartRecordingPublisher(EventPublisher delegate, Function<OutboundEvent, CompletionStage<Void>> recordStart) {
        this.delegate = delegate;
        this.recordStart = recordStart;
    }

    @Override
    public CompletionStage<DeliveryReceipt> publish(OutboundEvent event) {
        if (!WorkflowEventFields.STAMP_WORKFLOW_STARTED.equals(event.eventType()) || event.correlationId() == null) {
            return delegate.publish(event);
        }
        return recordStart.apply(event).thenCompose(recorded -> delegate.publish(event));
    }

    @Override
    public CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String partitionKey, EventEnvelope envelope) {
        return delegate.publishEnvelope(topic, partitionKey, envelope);
    }
}
