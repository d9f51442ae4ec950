package io.onex.runtime.workflow.internal;

import static io.onex.runtime.workflow.WorkflowEventFields.*;

import io.onex.api.EventPublisher;
import io.onex.api.OutboundEvent;
import io.onex.runtime.workflow.StepResult;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowEventTopics;
import io.onex.runtime.workflow.WorkflowResult;
import io.onex.runtime.workflow.WorkflowStateMachine;
import io.onex.runtime.workflow.WorkflowStep;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the workflow events of WIRE.md on the topics it is given (those a workflow file names in their place),
 * every field under {@code payload}, the
 * correlation id the run's. A failed publish is logged and never fails the run: the events report on the work, they
 * are not the work.
 */
public final class WorkflowEvents {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowEvents.class);

    private final EventPublisher publisher;
    private final WorkflowEventTopics topics;

    /**
     * @param publisher what publishes the events, or null to publish none
     * @param topics where each kind of event goes (may be null when there is no publisher)
     */
    public WorkflowEvents(EventPublisher publisher, WorkflowEventTopics topics) {
        this.publisher = publisher;
        this.topics = topics;
    }

    private WorkflowEventTopics topics(WorkflowDefinition wf) {
        return topics.with(wf.eventTopics());
    }

    CompletionStage<?> started(WorkflowDefinition wf, String workflowId, String correlationId, int stepCount) {
        Map<String, Object> p = base(wf, workflowId);
        p.put(WORKFLOW_STATE, STATE_PROCESSING);
        p.put(STEP_COUNT, stepCount);
        return publish(wf, WorkflowEventTopics::started, STAMP_WORKFLOW_STARTED, p, correlationId);
    }

    CompletionStage<?> transition(WorkflowDefinition wf, String workflowId, String correlationId,
            WorkflowStateMachine.Transition t) {
        Map<String, Object> p = base(wf, workflowId);
        p.put(FROM_STATE, t.from().wireName());
        p.put(TO_STATE, t.to().wireName());
        p.put(TRANSITION_EVENT, t.event());
        p.put(WORKFLOW_STATE, t.to().wireName());
        return publish(wf, WorkflowEventTopics::stateTransition, WORKFLOW_STATE_TRANSITION, p, correlationId);
    }

    CompletionStage<?> stepFinished(WorkflowDefinition wf, String workflowId, String correlationId, StepResult step,
            int order, WorkflowStep definition) {
        String type = definition.type().wireName();
        String node = definition.node();
        Map<String, Object> p = base(wf, workflowId);
        p.put(STEP_NAME, step.name());
        p.put(STEP_ORDER, order);
        p.put(STEP_TYPE, type);
        if (node != null) {
            p.put(NODE_NAME, node);
        }
        p.put(DEPENDS_ON, definition.dependsOn());
        parentOf(wf, step.name()).ifPresent(parent -> p.put(PARENT_STEP, parent));
        p.put(STEP_STATUS, step.status().wireName());
        p.put(DURATION_MS, step.duration().toMillis());
        if (step.error() != null) {
            p.put(ERROR_MESSAGE, step.error());
        }
        return publish(wf, WorkflowEventTopics::stepCompleted, WORKFLOW_STEP_COMPLETED, p, correlationId);
    }

    CompletionStage<?> finished(WorkflowDefinition wf, WorkflowResult r) {
        Map<String, Object> p = base(wf, r.workflowId());
        p.put(WORKFLOW_STATE, r.status().wireName());
        p.put(DURATION_MS, r.duration().toMillis());
        p.put(STEPS_COMPLETED, count(r, StepResult.StepStatus.COMPLETED));
        p.put(STEPS_FAILED, count(r, StepResult.StepStatus.FAILED));
        p.put(STEPS_SKIPPED, count(r, StepResult.StepStatus.SKIPPED));
        if (r.status() == WorkflowResult.Status.COMPLETED) {
            return publish(wf, WorkflowEventTopics::completed, STAMP_WORKFLOW_COMPLETED, p, r.correlationId());
        }
        WorkflowResult.WorkflowError e = r.error();
        p.put(ERROR_MESSAGE, e.message());
        p.put(ERROR_TYPE, e.type());
        if (e.step() != null) {
            p.put(FAILED_STEP, e.step());
        }
        return publish(wf, WorkflowEventTopics::failed, STAMP_WORKFLOW_FAILED, p, r.correlationId());
    }

    /** The parallel step whose nested steps include this one. */
    private static Optional<String> parentOf(WorkflowDefinition wf, String stepName) {
        for (WorkflowStep s : java.util.stream.Stream.concat(wf.steps().stream(), wf.onStepFailure().stream())
                .toList()) {
            if (s.steps().stream().anyMatch(child -> child.name().equals(stepName))) {
                return Optional.of(s.name());
            }
        }
        return Optional.empty();
    }

    private static long count(WorkflowResult r, StepResult.StepStatus status) {
        return r.steps().stream().filter(s -> s.status() == status).count();
    }

    private static Map<String, Object> base(WorkflowDefinition wf, String workflowId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(WORKFLOW_ID, workflowId);
        p.put(WORKFLOW_TYPE, wf.name());
        p.put(WORKFLOW_VERSION, wf.version());
        return p;
    }

    private CompletionStage<?> publish(WorkflowDefinition wf, Function<WorkflowEventTopics, String> kind, String type,
            Map<String, Object> payload, String correlationId) {
        if (publisher == null) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            String topic = kind.apply(topics(wf));
            return publisher.publish(OutboundEvent.builder(topic, type).payload(payload).correlationId(correlationId).build())
                    .handle((receipt, error) -> {
                        if (error != null) {
                            LOG.warn("workflow event {} not published: correlation_id={} error={}", type, correlationId,
                                    error.toString());
                        }
                        return null;
                    });
        } catch (RuntimeException e) {
            LOG.warn("workflow event {} not published: correlation_id={} error={}", type, correlationId, e.toString());
            return CompletableFuture.completedFuture(null);
        }
    }
}
