package io.onex.nodes.reducer;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The states of one aggregation window: {@code idle → aggregating → persisting → completed | failed}; an open window
 * discarded on stop goes {@code aggregating → failed}. {@code completed} and {@code failed} are final.
 */
public enum AggregationState {
    IDLE, AGGREGATING, PERSISTING, COMPLETED, FAILED;

    /** The state as written in {@code from_state}/{@code to_state}: {@code idle}, {@code aggregating}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The states this one may move to. */
    public Set<AggregationState> next() {
        return switch (this) {
            case IDLE -> EnumSet.of(AGGREGATING);
            case AGGREGATING -> EnumSet.of(PERSISTING, FAILED);
            case PERSISTING -> EnumSet.of(COMPLETED, FAILED);
            case COMPLETED, FAILED -> EnumSet.noneOf(AggregationState.class);
        };
    }
}
