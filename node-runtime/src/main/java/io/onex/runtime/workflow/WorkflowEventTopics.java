package io.onex.runtime.workflow;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a workflow engine publishes each kind of workflow event (ONEX topic references, resolved by the publisher).
 * The engine is given one ({@link WorkflowEngine.Builder#eventTopics}); the runtime gives the bridge's
 * ({@code stamp-workflow-started}, ...), and a workflow file may name its own under {@code event_topics}, each key
 * optional ({@link WorkflowDefinition#eventTopics()}).
 *
 * @param started where a run's start goes
 * @param stepCompleted where each finished step goes
 * @param stateTransition where each state transition goes
 * @param completed where a completed run goes
 * @param failed where a failed or cancelled run goes
 */
public record WorkflowEventTopics(String started, String stepCompleted, String stateTransition, String completed,
        String failed) {

    /** The keys of a workflow file's {@code event_topics}, in the order of this record's components. */
    public static final List<String> KEYS = List.of("started", "step_completed", "state_transition", "completed",
            "failed");

    public WorkflowEventTopics {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(stepCompleted, "stepCompleted");
        Objects.requireNonNull(stateTransition, "stateTransition");
        Objects.requireNonNull(completed, "completed");
        Objects.requireNonNull(failed, "failed");
    }

    /**
     * These topics with some replaced.
     *
     * @param byKey topics by {@link #KEYS key}; keys not present keep this record's topic
     */
    public WorkflowEventTopics with(Map<String, String> byKey) {
        if (byKey.isEmpty()) {
            return this;
        }
        return new WorkflowEventTopics(byKey.getOrDefault("started", started),
                byKey.getOrDefault("step_completed", stepCompleted),
                byKey.getOrDefault("state_transition", stateTransition),
                byKey.getOrDefault("completed", completed),
                byKey.getOrDefault("failed", failed));
    }

    /** The five topics, in the order of {@link #KEYS}. */
    public List<String> all() {
        return List.of(started, stepCompleted, stateTransition, completed, failed);
    }
}
