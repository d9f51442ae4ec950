package io.onex.runtime.workflow;

/**
 * A workflow run was asked to move to a state it cannot reach from where it is (for instance {@code completed ->
 * processing}). The transition is not applied.
 */
public final class InvalidStateTransitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final WorkflowState from;
    private final WorkflowState to;

    public InvalidStateTransitionException(String workflowId, WorkflowState from, WorkflowState to) {
        super("workflow " + workflowId + ": invalid state transition " + from.wireName() + " -> " + to.wireName()
                + ", expected " + from.wireName() + " -> " + (from.next().isEmpty() ? "(nothing: " + from.wireName()
                + " is final)" : String.join(" | ", from.next().stream().sorted().map(WorkflowState::wireName).toList())));
        this.from = from;
        this.to = to;
    }

    /** The state the run was in. */
    public WorkflowState from() {
        return from;
    }

    /** The state it was asked to move to. */
    public WorkflowState to() {
        return to;
    }
}
