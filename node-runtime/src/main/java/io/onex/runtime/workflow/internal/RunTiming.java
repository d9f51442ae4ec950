package io.onex.runtime.workflow.internal;

import java.time.Clock;
import java.time.Duration;

/**
 * The time of one run on its clock: when it started, how long it has run, and the deadline each step call gets.
 * Durations are never negative (a wall clock may be set back). Thread-safe.
 */
final class RunTiming {

    private final Clock clock;
    private final Duration workflowTimeout;
    private final long startMillis;

    /**
     * @param clock the engine's clock; the run starts now
     * @param workflowTimeout the workflow's timeout, or null for none
     */
    RunTiming(Clock clock, Duration workflowTimeout) {
        this.clock = clock;
        this.workflowTimeout = workflowTimeout;
        this.startMillis = clock.millis();
    }

    long nowMillis() {
        return clock.millis();
    }

    /** How long the run has been running. */
    Duration elapsed() {
        return Duration.ofMillis(Math.max(0, clock.millis() - startMillis));
    }

    /**
     * The deadline of a step call: the step's own timeout, or what is left of the workflow's (at least 1 ms),
     * whichever is shorter; null when neither has one.
     */
    Duration stepDeadline(Duration stepTimeout) {
        Duration d = stepTimeout;
        if (workflowTimeout != null) {
            Duration left = workflowTimeout.minus(elapsed());
            if (left.isNegative() || left.isZero()) {
                left = Duration.ofMillis(1);
            }
            d = d == null || left.compareTo(d) < 0 ? left : d;
        }
        return d;
    }
}
