package io.onex.runtime.ops;

/** A consumer group's state as an operator reads it: the broker's finer states folded into four words. */
public enum GroupState {
    /** Members consume with a settled assignment. */
    STABLE,
    /** Members join, leave or wait for a new assignment. */
    REBALANCING,
    /** No members; committed offsets remain. */
    EMPTY,
    /** No members and no offsets (or the group is gone). */
    DEAD,
    /** The broker did not say. */
    UNKNOWN;

    /** Folds kafka-clients' state into ours. */
    static GroupState of(org.apache.kafka.common.GroupState state) {
        if (state == null) {
            return UNKNOWN;
        }
        return switch (state) {
            case STABLE -> STABLE;
            case PREPARING_REBALANCE, COMPLETING_REBALANCE, ASSIGNING, RECONCILING -> REBALANCING;
            case EMPTY -> EMPTY;
            case DEAD -> DEAD;
            default -> UNKNOWN;
        };
    }

    /** Lower case, as printed. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
