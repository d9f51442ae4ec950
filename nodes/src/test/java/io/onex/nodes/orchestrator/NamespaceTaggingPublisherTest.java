package io.onex.nodes.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.OutboundEvent;
import io.onex.runtime.testing.RecordingEventPublisher;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceTaggingPublisherTest {
    private final RecordingEventPublisher recorded = new RecordingEventPublisher();
    private final NamespaceTaggingPublisher publisher = new NamespaceTaggingPublisher(recorded, 2);

    private static OutboundEvent event(String correlationId, Map<String, Object> payload) {
        return OutboundEvent.builder("onex.evt.stamp-workflow-completed.v1", WorkflowEventFields.STAMP_WORKFLOW_COMPLETED)
                .correlationId(correlationId).payload(payload).build();
    }

    @Test
    void addsTheRunsNamespaceToItsEventsAndLeavesOthersAlone() {
        publisher.remember("run-1", "docs");

        publisher.publish(event("run-1", Map.of(WorkflowEventFields.WORKFLOW_ID, "w-1")));
        publisher.publish(event("run-2", Map.of(WorkflowEventFields.WORKFLOW_ID, "w-2")));
        publisher.publish(event("run-1", Map.of(WorkflowEventFields.NAMESPACE, "given")));

        assertThat(recorded.attempts()).extracting(e -> e.payload().get(WorkflowEventFields.NAMESPACE))
                .containsExactly("docs", null, "given");
        assertThat(recorded.attempts().get(0).payload()).containsEntry(WorkflowEventFields.WORKFLOW_ID, "w-1");
        assertThat(recorded.attempts().get(0).correlationId()).isEqualTo("run-1");
    }

    @Test
    void remembersOnlyTheLatestRunsUpToItsCapacity() {
        publisher.remember("run-1", "a");
        publisher.remember("run-2", "b");
        publisher.remember("run-3", "c");

        publisher.publish(event("run-1", Map.of()));
        publisher.publish(event("run-3", Map.of()));

        assertThat(recorded.attempts()).extracting(e -> e.payload().get(WorkflowEventFields.NAMESPACE))
                .containsExactly(null, "c");
    }
}
