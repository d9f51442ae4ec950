package io.onex.runtime.workflow;

import java.util.Locale;
import java.util.Set;

/**
 * The states of one workflow run: {@code pending -> processing -> completed | failed | cancelled}. The wire names are
 * those of {@link WorkflowEventFields} ({@code workflow_state}, {@code from_state}, {@code to_state}).
 */
public enum WorkflowState {
    PENDING,
    PROCESSING,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** The word used in events: {@code pending}, {@code processing}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the run has ended: nothing leaves this state. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The states this one may move to. */
    public Set<WorkflowState> next() {
        return switch (this) {
            case PENDING -> Set.of(PROCESSING, CANCELLED);
            case PROCESSING -> Set.of(COMPLETED, FAILED, CANCELLED);
            case COMPLETED, FAILED, CANCELLED -> Set.of();
        };
    }
}
