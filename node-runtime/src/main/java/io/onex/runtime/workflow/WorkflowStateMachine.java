package io.onex.runtime.workflow;

/**
 * The state of one workflow run, moved only along {@link WorkflowState#next()}: {@code pending -> processing ->
 * completed | failed | cancelled}. The engine moves it and publishes one {@code WORKFLOW_STATE_TRANSITION} event per
 * applied transition; an invalid transition throws and changes nothing, so no event is ever published for it.
 *
 * <pre>{@code
 * WorkflowStateMachine fsm = new WorkflowStateMachine(workflowId);      // pending
 * Transition t = fsm.transition(WorkflowState.PROCESSING, "start");     // pending -> processing
 * fsm.transition(WorkflowState.PENDING, "restart");                     // throws InvalidStateTransitionException
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class WorkflowStateMachine {

    /**
     * One applied transition.
     *
     * @param from the state before
     * @param to the state after
     * @param event what caused it ({@code start}, {@code complete}, {@code fail}, {@code cancel})
     */
    public record Transition(WorkflowState from, WorkflowState to, String event) {
    }

    private final String workflowId;
    private WorkflowState state = WorkflowState.PENDING;

    /** A machine in {@code pending}. */
    public WorkflowStateMachine(String workflowId) {
        this.workflowId = workflowId;
    }

    /** The current state. */
    public synchronized WorkflowState state() {
        return state;
    }

    /**
     * Moves to {@code to}.
     *
     * @param to the next state
     * @param event what causes the move, as written to the transition event
     * @return the transition applied
     * @throws InvalidStateTransitionException naming from and to when {@code to} is not reachable from the current
     *     state; the state is unchanged
     */
    public synchronized Transition transition(WorkflowState to, String event) {
        if (!state.next().contains(to)) {
            throw new InvalidStateTransitionException(workflowId, state, to);
        }
        Transition t = new Transition(state, to, event);
        state = to;
        return t;
    }
}
