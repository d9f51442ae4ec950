package io.onex.runtime.workflow;

import io.onex.runtime.inject.WorkflowModule;

import io.onex.runtime.testing.RecordingEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.OutboundEvent;
import io.onex.api.topic.BridgeTopics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkflowEventsTest {

    private final FakeNodes nodes = new FakeNodes();
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final WorkflowEngine engine = WorkflowEngine.builder().invoker(nodes).publisher(publisher)
            .eventTopics(WorkflowModule.BRIDGE_EVENT_TOPICS).scheduler(scheduler).build();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void aCompletedRunPublishesStartedStepsCompletedAndTransitionsUnderPayload() throws Exception {
        WorkflowDefinition wf = WorkflowEngineTest.workflow("""
                name: evented
                version: 2.1.0
                steps:
                  - {name: a, type: compute, node: echo}
                  - {name: b, type: compute, node: echo, depends_on: [a]}
                """);
        WorkflowRun run = engine.start(wf, Map.of(), "corr-42", WorkflowListener.NONE);
        WorkflowResult r = run.result().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(publisher.types()).containsExactly("STAMP_WORKFLOW_STARTED", "WORKFLOW_STATE_TRANSITION",
                "WORKFLOW_STEP_COMPLETED", "WORKFLOW_STEP_COMPLETED", "STAMP_WORKFLOW_COMPLETED",
                "WORKFLOW_STATE_TRANSITION");
        assertThat(run.state()).as("the run's FSM").isEqualTo(WorkflowState.COMPLETED);
        List<OutboundEvent> events = publisher.attempts();
        assertThat(events).extracting(OutboundEvent::topic).containsExactly(BridgeTopics.STAMP_WORKFLOW_STARTED,
                BridgeTopics.WORKFLOW_STATE_TRANSITION, BridgeTopics.WORKFLOW_STEP_COMPLETED,
                BridgeTopics.WORKFLOW_STEP_COMPLETED, BridgeTopics.STAMP_WORKFLOW_COMPLETED,
                BridgeTopics.WORKFLOW_STATE_TRANSITION);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.correlationId()).isEqualTo("corr-42");
            assertThat(e.payload()).containsEntry(WorkflowEventFields.WORKFLOW_ID, run.workflowId())
                    .containsEntry(WorkflowEventFields.WORKFLOW_TYPE, "evented")
                    .containsEntry(WorkflowEventFields.WORKFLOW_VERSION, "2.1.0");
        });
        assertThat(events.get(0).payload()).containsEntry(WorkflowEventFields.WORKFLOW_STATE, "processing")
                .containsEntry(WorkflowEventFields.STEP_COUNT, 2);
        assertThat(events.get(1).payload()).containsEntry(WorkflowEventFields.FROM_STATE, "pending")
                .containsEntry(WorkflowEventFields.TO_STATE, "processing");
        assertThat(events.get(3).payload()).containsEntry(WorkflowEventFields.STEP_NAME, "b")
                .containsEntry(WorkflowEventFields.STEP_ORDER, 1)
                .containsEntry(WorkflowEventFields.STEP_STATUS, "completed")
                .containsEntry(WorkflowEventFields.NODE_NAME, "echo")
                .containsEntry(WorkflowEventFields.DEPENDS_ON, List.of("a"))
                .doesNotContainKey(WorkflowEventFields.PARENT_STEP)
                .containsKey(WorkflowEventFields.DURATION_MS);
        assertThat(events.get(4).payload()).containsEntry(WorkflowEventFields.WORKFLOW_STATE, "completed")
                .containsEntry(WorkflowEventFields.DURATION_MS, r.duration().toMillis())
                .containsEntry(WorkflowEventFields.STEPS_COMPLETED, 2L);
        assertThat(events.get(5).payload()).containsEntry(WorkflowEventFields.FROM_STATE, "processing")
                .containsEntry(WorkflowEventFields.TO_STATE, "completed")
                .containsEntry(WorkflowEventFields.TRANSITION_EVENT, "complete");
    }

    @Test
    void aNestedStepsEventNamesItsParallelParentSoThatTheRunsGraphCanBeDrawnFromItsEvents() throws Exception {
        WorkflowDefinition wf = WorkflowEngineTest.workflow("""
                name: fanned
                version: 1.0.0
                steps:
                  - name: both
                    type: parallel
                    steps:
                      - {name: left, type: compute, node: echo}
                      - {name: right, type: compute, node: echo}
                  - {name: after, type: compute, node: echo, depends_on: [both]}
                """);
        engine.start(wf, Map.of()).result().toCompletableFuture().get(10, TimeUnit.SECONDS);

        Map<Object, Map<String, Object>> steps = new java.util.HashMap<>();
        publisher.attempts().stream().filter(e -> e.eventType().equals(WorkflowEventFields.WORKFLOW_STEP_COMPLETED))
                .forEach(e -> steps.put(e.payload().get(WorkflowEventFields.STEP_NAME), e.payload()));
        assertThat(steps.get("left")).containsEntry(WorkflowEventFields.PARENT_STEP, "both")
                .containsEntry(WorkflowEventFields.DEPENDS_ON, List.of());
        assertThat(steps.get("right")).containsEntry(WorkflowEventFields.PARENT_STEP, "both");
        assertThat(steps.get("both")).doesNotContainKey(WorkflowEventFields.PARENT_STEP);
        assertThat(steps.get("after")).containsEntry(WorkflowEventFields.DEPENDS_ON, List.of("both"));
    }

    @Test
    void aFailedRunPublishesTheFailureWithItsStepAndMessage() throws Exception {
        WorkflowDefinition wf = WorkflowEngineTest.workflow("""
                name: failing
                version: 1.0.0
                steps:
                  - {name: a, type: compute, node: fail}
                """);
        WorkflowRun run = engine.start(wf, Map.of());
        run.result().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(run.state()).isEqualTo(WorkflowState.FAILED);
        OutboundEvent step = publisher.attempts().get(2);
        assertThat(step.payload()).containsEntry(WorkflowEventFields.STEP_STATUS, "failed")
                .containsEntry(WorkflowEventFields.ERROR_MESSAGE, "boom in a");
        OutboundEvent failed = publisher.attempts().get(3);
        assertThat(failed.topic()).isEqualTo(BridgeTopics.STAMP_WORKFLOW_FAILED);
        assertThat(failed.eventType()).isEqualTo(WorkflowEventFields.STAMP_WORKFLOW_FAILED);
        assertThat(failed.payload()).containsEntry(WorkflowEventFields.WORKFLOW_STATE, "failed")
                .containsEntry(WorkflowEventFields.ERROR_MESSAGE, "boom in a")
                .containsEntry(WorkflowEventFields.ERROR_TYPE, "IllegalStateException")
                .containsEntry(WorkflowEventFields.FAILED_STEP, "a")
                .containsKey(WorkflowEventFields.DURATION_MS);
        assertThat(publisher.attempts().get(4).payload()).containsEntry(WorkflowEventFields.TO_STATE, "failed");
    }

    @Test
    void aWorkflowThatNamesItsOwnEventTopicsPublishesThereAndKeepsTheEngineTopicsItDoesNotName() throws Exception {
        WorkflowDefinition wf = WorkflowEngineTest.workflow("""
                name: ingest
                version: 1.0.0
                event_topics:
                  started: onex.evt.ingest-started.v1
                  completed: onex.evt.ingest-completed.v1
                  failed: onex.evt.ingest-failed.v1
                steps:
                  - {name: a, type: compute, node: echo}
                """);
        engine.start(wf, Map.of()).result().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(publisher.attempts()).extracting(OutboundEvent::topic).containsExactly(
                "onex.evt.ingest-started.v1", BridgeTopics.WORKFLOW_STATE_TRANSITION,
                BridgeTopics.WORKFLOW_STEP_COMPLETED, "onex.evt.ingest-completed.v1",
                BridgeTopics.WORKFLOW_STATE_TRANSITION);
        assertThat(engine.eventTopicsOf(wf).failed()).isEqualTo("onex.evt.ingest-failed.v1");
    }
}
