package io.onex.nodes.reducer;

import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The FSM of one aggregation window. A transition the FSM does not allow is an error, never silently applied.
 * Not thread-safe: the window's owner serializes access.
 */
final class AggregationFsm {

    /** One applied transition, as the fsm-state-transitioned event reports it. */
    record Transition(AggregationState from, AggregationState to, String event) {
    }

    private final String aggregationId;
    private AggregationState state = AggregationState.IDLE;

    AggregationFsm(String aggregationId) {
        this.aggregationId = Objects.requireNonNull(aggregationId, "aggregationId");
    }

    AggregationState state() {
        return state;
    }

    /**
     * Moves to {@code to}.
     *
     * @param to the next state
     * @param event what caused it ({@code window_opened}, {@code window_closed}, ...)
     * @return the transition applied
     * @throws IllegalStateException naming the aggregation, both states, the event and what was allowed
     */
    Transition transition(AggregationState to, String event) {
        if (!state.next().contains(to)) {
            String allowed = state.next().isEmpty() ? "none, " + state.wireName() + " is final"
                    : state.next().stream().map(AggregationState::wireName).collect(Collectors.joining(", "));
            throw new IllegalStateException("aggregation " + aggregationId + ": invalid transition "
                    + state.wireName() + " -> " + to.wireName() + " on " + event + ", expected one of: " + allowed);
        }
        Transition t = new Transition(state, to, event);
        state = to;
        return t;
    }
}
