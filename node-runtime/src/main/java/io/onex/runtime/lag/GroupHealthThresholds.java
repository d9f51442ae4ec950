package io.onex.runtime.lag;

/**
 * When a group's lag and dead-letter rate are a problem. Defaults from the operations design: total lag above 1,000
 * records a warning, above 5,000 critical, more than 1% of the consumed records dead-lettered a warning.
 *
 * @param lagWarning total lag above which a group is a warning
 * @param lagCritical total lag above which a group is critical
 * @param dlqRateWarning share of consumed records dead-lettered (0..1) above which a group is a warning
 */
public record GroupHealthThresholds(long lagWarning, long lagCritical, double dlqRateWarning) {

    /** Warning above 1,000, critical above 5,000, DLQ rate warning above 1%. */
    public static final GroupHealthThresholds DEFAULTS = new GroupHealthThresholds(1_000, 5_000, 0.01);

    public GroupHealthThresholds {
        if (lagWarning < 0) {
            throw new IllegalArgumentException("lagWarning must be greater than or equal to 0, but was " + lagWarning);
        }
        if (lagCritical < lagWarning) {
            throw new IllegalArgumentException("lagCritical must be greater than or equal to lagWarning ("
                    + lagWarning + "), but was " + lagCritical);
        }
        if (!(dlqRateWarning >= 0 && dlqRateWarning <= 1)) {
            throw new IllegalArgumentException("dlqRateWarning must be between 0 and 1, but was " + dlqRateWarning);
        }
    }
}
