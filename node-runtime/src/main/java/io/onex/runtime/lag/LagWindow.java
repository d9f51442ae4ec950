package io.onex.runtime.lag;

import java.time.Duration;
import java.util.Objects;

/**
 * How much history a verdict looks at: the last {@code samples} samples, none older than {@code span} before the
 * newest. Trends (stalled, catching up) are judged only on a full window, so one slow commit is not a stall.
 *
 * @param samples samples kept per group, at least 2
 * @param span the longest time the kept samples may cover
 */
public record LagWindow(int samples, Duration span) {

    /** 10 samples over 5 minutes: one every 30 s. */
    public static final LagWindow DEFAULT = new LagWindow(10, Duration.ofMinutes(5));

    public LagWindow {
        Objects.requireNonNull(span, "span");
        if (samples < 2) {
            throw new IllegalArgumentException("samples must be greater than or equal to 2, but was " + samples);
        }
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("span must be positive, but was " + span);
        }
    }

    /** How often to sample so that a full window covers the span. */
    public Duration interval() {
        return span.dividedBy(samples);
    }
}
