package io.onex.runtime.pipeline.internal;

import io.onex.api.AttemptedEvent;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a node's context asks of the call it belongs to: where a final failure is dead-lettered, retry policy, and the
 * state its attempts share.
 */
public interface CallHooks {

    /** For a context outside any call (a node's {@code start}): nothing to dead-letter, nothing to retry. */
    CallHooks OUTSIDE_A_CALL = new CallHooks() {
        @Override
        public void deadLetterOnFinalFailure(List<AttemptedEvent> events, Consumer<AttemptedEvent> onDeadLettered) {
            // no call to fail
        }

        @Override
        public boolean isRetryable(Throwable failure) {
            return false;
        }

        @Override
        public <T> T callState(Supplier<T> initial) {
            return initial.get();
        }
    };

    /** See {@link io.onex.api.NodeContext#deadLetterOnFinalFailure(List, Consumer)}. */
    void deadLetterOnFinalFailure(List<AttemptedEvent> events, Consumer<AttemptedEvent> onDeadLettered);

    /** See {@link io.onex.api.NodeContext#isRetryable(Throwable)}. */
    boolean isRetryable(Throwable failure);

    /** See {@link io.onex.api.NodeContext#callState(Supplier)}. */
    <T> T callState(Supplier<T> initial);
}
