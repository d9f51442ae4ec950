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
 * Adds the seed's {@code payload.step_results} to a run's completed and failed events: each step's status and
 * duration, by step name, as its workflow-step-completed event said them. The Python services' WorkflowEvent
 * carries it; consumers that read only the run's last event need not join the step events.
 *
 * <p>Sits on the engine's side of any hand-off, so it sees a run's events in the order the engine writes them.
 * Remembers the steps of the last {@code capacity} runs (bounded; the oldest forgotten first).
 */
final class StepResultsPublisher implements EventPublisher {

    /** The payload field, as in the seed's WorkflowEvent schema. */
    static final String STEP_RESULTS = "step_results";

    private final EventPublisher delegate;
    private final Map<String, Map<String, Object>> runs;

    StepResultsPublisher(EventPublisher delegate, int capacity) {
        this.delegate = delegate;
        this.runs = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public CompletionStage<DeliveryReceipt> publish(OutboundEvent event) {
        String run = event.correlationId();
        if (run == null) {
            return delegate.publish(event);
        }
        switch (event.eventType()) {
            case WorkflowEventFields.WORKFLOW_STEP_COMPLETED -> remember(run, event.payload());
            case WorkflowEventFields.STAMP_WORKFLOW_COMPLETED, WorkflowEventFields.STAMP_WORKFLOW_FAILED -> {
                Map<String, Object> steps;
                synchronized (runs) {
                    steps = runs.remove(run);
                }
                if (steps != null && !event.payload().containsKey(STEP_RESULTS)) {
                    Map<String, Object> payload = new LinkedHashMap<>(event.payload());
                    payload.put(STEP_RESULTS, steps);
                    return delegate.publish(new OutboundEvent(event.topic(), event.eventType(), payload,
                            event.correlationId(), event.causationId(), event.partitionKey(), event.headers(),
                            event.metadata()));
                }
            }
            default -> {
            }
        }
        return delegate.publish(event);
    }

    private void remember(String run, Map<String, Object> step) {
        Object name = step.get(WorkflowEventFields.STEP_NAME);
        if (name == null) {
            return;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(WorkflowEventFields.STEP_STATUS, step.get(WorkflowEventFields.STEP_STATUS));
        result.put(WorkflowEventFields.DURATION_MS, step.get(WorkflowEventFields.DURATION_MS));
        synchronized (runs) {
            runs.computeIfAbsent(run, r -> new LinkedHashMap<>()).put(name.toString(), result);
        }
    }

    @Override
    public CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String partitionKey, EventEnvelope envelope) {
        return delegate.publishEnvelope(topic, partitionKey, envelope);
    }
}
