package io.onex.runtime.resilience;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Looks through the wrappers futures put around a failure. */
public final class RootCause {

    private RootCause() {
    }

    /**
     * Peels {@link CompletionException} and {@link ExecutionException} off a failure.
     *
     * @param t a failure
     * @return the first throwable that is not such a wrapper (or the wrapper itself when it has no cause)
     */
    public static Throwable of(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException)
                && cur.getCause() != null && cur.getCause() != cur) {
            cur = cur.getCause();
        }
        return cur;
    }

    /** Whether {@code t} or any of its causes is an instance of {@code type}. */
    public static boolean hasInChain(Throwable t, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable cur = t; cur != null && depth < 32; cur = cur.getCause(), depth++) {
            if (type.isInstance(cur)) {
                return true;
            }
        }
        return false;
    }
}
