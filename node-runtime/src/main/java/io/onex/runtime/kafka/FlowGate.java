package io.onex.runtime.kafka;

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
}
