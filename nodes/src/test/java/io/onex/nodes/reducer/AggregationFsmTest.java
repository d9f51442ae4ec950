package io.onex.nodes.reducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AggregationFsmTest {

    @Test
    void startsIdleAndWalksToCompleted() {
        AggregationFsm fsm = new AggregationFsm("agg-1");
        assertThat(fsm.state()).isEqualTo(AggregationState.IDLE);
        assertThat(fsm.transition(AggregationState.AGGREGATING, "window_opened"))
                .isEqualTo(new AggregationFsm.Transition(AggregationState.IDLE, AggregationState.AGGREGATING,
                        "window_opened"));
        fsm.transition(AggregationState.PERSISTING, "window_closed");
        fsm.transition(AggregationState.COMPLETED, "window_published");
        assertThat(fsm.state()).isEqualTo(AggregationState.COMPLETED);
    }

    @Test
    void persistingAndAggregatingMayFail() {
        AggregationFsm publishing = new AggregationFsm("agg-1");
        publishing.transition(AggregationState.AGGREGATING, "window_opened");
        publishing.transition(AggregationState.PERSISTING, "window_closed");
        assertThat(publishing.transition(AggregationState.FAILED, "publish_failed").to())
                .isEqualTo(AggregationState.FAILED);

        AggregationFsm discarded = new AggregationFsm("agg-2");
        discarded.transition(AggregationState.AGGREGATING, "window_opened");
        assertThat(discarded.transition(AggregationState.FAILED, "node_stopped").from())
                .isEqualTo(AggregationState.AGGREGATING);
    }

    @Test
    void anInvalidTransitionIsAnErrorAndChangesNothing() {
        AggregationFsm fsm = new AggregationFsm("agg-1");
        assertThatThrownBy(() -> fsm.transition(AggregationState.PERSISTING, "window_closed"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("aggregation agg-1: invalid transition idle -> persisting on window_closed, "
                        + "expected one of: aggregating");
        assertThat(fsm.state()).isEqualTo(AggregationState.IDLE);
    }

    @Test
    void finalStatesAllowNothing() {
        AggregationFsm fsm = new AggregationFsm("agg-1");
        fsm.transition(AggregationState.AGGREGATING, "window_opened");
        fsm.transition(AggregationState.PERSISTING, "window_closed");
        fsm.transition(AggregationState.COMPLETED, "window_published");
        assertThatThrownBy(() -> fsm.transition(AggregationState.FAILED, "publish_failed"))
                .hasMessage("aggregation agg-1: invalid transition completed -> failed on publish_failed, "
                        + "expected one of: none, completed is final");
        assertThat(AggregationState.FAILED.next()).isEmpty();
    }
}
