package io.onex.runtime.pipeline;

import io.onex.api.NonRetryableException;
import java.time.Duration;

/**
 * A call's overall deadline ({@link CallOptions#deadline()}) passed before it succeeded. Not retried (the budget is
 * spent) and not counted against the node's circuit breaker (the deadline belongs to the caller).
 */
public class DeadlineExceededException extends NonRetryableException {
    private static final long serialVersionUID = 1L;

    /**
     * @param nodeName the node's contract name
     * @param budget the deadline that passed
     * @param attempts attempts started before it passed
     */
    public DeadlineExceededException(String nodeName, Duration budget, int attempts) {
        super(nodeName + ": overall deadline of " + budget.toMillis() + " ms passed after " + attempts
                + (attempts == 1 ? " attempt" : " attempts"));
    }
}
