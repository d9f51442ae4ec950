package io.onex.runtime.kafka;

import java.util.OptionalInt;

/**
 * Tells a {@link ConsumerLoop} whether the node can take work now. Backed by the node's circuit breaker: closed
 * when the breaker is open (the loop pauses its partitions), open again when the breaker's wait has elapsed and it
 * would let a trial call through (the loop resumes).
 */
@FunctionalInterface
public interface FlowGate {

    /** A gate that is always open. */
    FlowGate ALWAYS_OPEN = () -> true;

    /** Whether records may be handed to the node now. Cheap; called on every poll. */
    boolean acceptsWork();

    /**
     * While the node only takes trial calls (the breaker is half-open, or open with its wait elapsed): how many it
     * lets through. The loop then keeps at most that many records in flight and resumes at most that many partitions;
     * the rest stay paused until the breaker closes. Empty when work is not limited (the default). Called on every
     * poll while {@link #acceptsWork()} is true.
     */
    default OptionalInt trialCalls() {
        return OptionalInt.empty();
    }
}
