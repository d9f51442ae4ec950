package io.onex.runtime.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkflowStateMachineTest {

    @Test
    void startsPendingAndMovesThroughProcessingToCompleted() {
        WorkflowStateMachine fsm = new WorkflowStateMachine("wf-1");
        assertThat(fsm.state()).isEqualTo(WorkflowState.PENDING);

        assertThat(fsm.transition(WorkflowState.PROCESSING, "start")).isEqualTo(
                new WorkflowStateMachine.Transition(WorkflowState.PENDING, WorkflowState.PROCESSING, "start"));
        assertThat(fsm.transition(WorkflowState.COMPLETED, "complete")).isEqualTo(
                new WorkflowStateMachine.Transition(WorkflowState.PROCESSING, WorkflowState.COMPLETED, "complete"));
        assertThat(fsm.state()).isEqualTo(WorkflowState.COMPLETED);
        assertThat(fsm.state().isFinal()).isTrue();
    }

    @Test
    void processingMayFailOrBeCancelled() {
        WorkflowStateMachine failing = new WorkflowStateMachine("wf-2");
        failing.transition(WorkflowState.PROCESSING, "start");
        failing.transition(WorkflowState.FAILED, "fail");
        assertThat(failing.state()).isEqualTo(WorkflowState.FAILED);

        WorkflowStateMachine cancelled = new WorkflowStateMachine("wf-3");
        cancelled.transition(WorkflowState.PROCESSING, "start");
        cancelled.transition(WorkflowState.CANCELLED, "cancel");
        assertThat(cancelled.state()).isEqualTo(WorkflowState.CANCELLED);
    }

    @Test
    void pendingCannotCompleteWithoutProcessing() {
        WorkflowStateMachine fsm = new WorkflowStateMachine("wf-4");

        assertThatThrownBy(() -> fsm.transition(WorkflowState.COMPLETED, "complete"))
                .isInstanceOf(InvalidStateTransitionException.class)
                .hasMessage("workflow wf-4: invalid state transition pending -> completed, expected pending -> "
                        + "processing | cancelled");
        assertThat(fsm.state()).as("an invalid transition is not applied").isEqualTo(WorkflowState.PENDING);
    }

    @Test
    void aFinalStateCannotBeLeft() {
        WorkflowStateMachine fsm = new WorkflowStateMachine("wf-5");
        fsm.transition(WorkflowState.PROCESSING, "start");
        fsm.transition(WorkflowState.COMPLETED, "complete");

        InvalidStateTransitionException e = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidStateTransitionException.class, () -> fsm.transition(WorkflowState.PROCESSING, "start"));
        assertThat(e).hasMessage("workflow wf-5: invalid state transition completed -> processing, expected "
                + "completed -> (nothing: completed is final)");
        assertThat(e.from()).isEqualTo(WorkflowState.COMPLETED);
        assertThat(e.to()).isEqualTo(WorkflowState.PROCESSING);
        assertThat(fsm.state()).isEqualTo(WorkflowState.COMPLETED);
    }

    @Test
    void aRunCannotStartTwiceNorFailTwice() {
        WorkflowStateMachine fsm = new WorkflowStateMachine("wf-6");
        fsm.transition(WorkflowState.PROCESSING, "start");

        assertThatThrownBy(() -> fsm.transition(WorkflowState.PROCESSING, "start"))
                .hasMessage("workflow wf-6: invalid state transition processing -> processing, expected processing -> "
                        + "completed | failed | cancelled");
        fsm.transition(WorkflowState.FAILED, "fail");
        assertThatThrownBy(() -> fsm.transition(WorkflowState.FAILED, "fail"))
                .isInstanceOf(InvalidStateTransitionException.class)
                .hasMessageContaining("failed -> failed");
    }
}
