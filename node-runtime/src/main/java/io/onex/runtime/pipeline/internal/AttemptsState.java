package io.onex.runtime.pipeline.internal;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a node keeps across the attempts of one call, or of one batch ({@code NodeContext.callState}): made by the
 * first attempt that asks, and the same object for every attempt after it.
 */
public final class AttemptsState {
    private Object value;

    /**
     * The state, made by {@code initial} on the first ask.
     *
     * @param initial makes the state; must not return null
     * @param <T> the state's type, the node's business
     * @return the same object on every call
     */
    @SuppressWarnings("unchecked")
    public synchronized <T> T get(Supplier<T> initial) {
        if (value == null) {
            value = Objects.requireNonNull(initial.get(), "callState: initial made null");
        }
        return (T) value;
    }
}
