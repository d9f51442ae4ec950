package io.onex.runtime.lag;

import java.util.Locale;
import java.util.Objects;

/**
 * What {@link GroupLagEvaluator} says of a group.
 *
 * @param group the consumer group
 * @param kind the verdict
 * @param reason why, for an operator: {@code lag 5,210 on dev.onex.evt.x.v1[3] and committed offset unchanged for
 *     5m: stalled}
 * @param totalLag the group's total lag at the newest sample
 */
public record GroupVerdict(String group, Kind kind, String reason, long totalLag) {

    public GroupVerdict {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /** The verdicts, each with its severity. */
    public enum Kind {
        /** Lag within the thresholds. */
        OK(Severity.OK),
        /** Lag above the warning threshold (and not shrinking). */
        WARNING(Severity.WARNING),
        /** Lag above the warning threshold but shrinking over the window: the group is catching up. */
        CATCHING_UP(Severity.WARNING),
        /** More of the consumed records dead-lettered than the threshold allows. */
        DLQ_RATE(Severity.WARNING),
        /** Lag above the critical threshold (and not shrinking). */
        CRITICAL(Severity.CRITICAL),
        /** Lag while the committed offset did not move over a full window: the consumer is stuck. */
        STALLED(Severity.CRITICAL),
        /** Lag and no members to consume it. */
        NO_MEMBERS(Severity.CRITICAL);

        private final Severity severity;

        Kind(Severity severity) {
            this.severity = severity;
        }

        /** How bad. */
        public Severity severity() {
            return severity;
        }

        /** Lower case, as shown in {@code /health} and as the {@code verdict} tag. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How bad a verdict is; the ordinal is the {@code onex_group_health} gauge's value. */
    public enum Severity {
        OK, WARNING, CRITICAL
    }

    /** The verdict's severity. */
    public Severity severity() {
        return kind.severity();
    }
}
