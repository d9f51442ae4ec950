package io.onex.api.contract;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A contract's own thresholds for its consumer group's health (its {@code health} section); what it leaves out, the
 * runtime's defaults ({@code ONEX_LAG_WARNING}, {@code ONEX_LAG_CRITICAL}, {@code ONEX_DLQ_RATE_WARNING}) decide.
 *
 * @param lagWarning total lag above which the group is a warning
 * @param lagCritical total lag above which the group is critical
 * @param dlqRateWarning share (0..1) of consumed records dead-lettered above which the group is a warning
 */
public record HealthSpec(OptionalLong lagWarning, OptionalLong lagCritical, OptionalDouble dlqRateWarning) {

    private static final HealthSpec NONE = new HealthSpec(OptionalLong.empty(), OptionalLong.empty(),
            OptionalDouble.empty());

    public HealthSpec {
        lagWarning = lagWarning == null ? OptionalLong.empty() : lagWarning;
        lagCritical = lagCritical == null ? OptionalLong.empty() : lagCritical;
        dlqRateWarning = dlqRateWarning == null ? OptionalDouble.empty() : dlqRateWarning;
    }

    /** No thresholds of its own: the runtime's apply. */
    public static HealthSpec none() {
        return NONE;
    }
}
