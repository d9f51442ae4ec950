package io.onex.runtime.ops;

/**
 * When a consumer group's lag is a problem. Defaults from the operations design (lag above 1,000 records a warning,
 * above 5,000 critical). A group without members that still has lag is critical whatever its size: nobody will read
 * those records. The groups of {@code onex dlq replay} ({@link ReplayOptions#groupId()}) only mark its progress and
 * are always OK.
 *
 * @param warnAbove total lag above which a group is a warning
 * @param criticalAbove total lag above which a group is critical
 */
public record LagThresholds(long warnAbove, long criticalAbove) {

    /** Warning above 1,000, critical above 5,000. */
    public static final LagThresholds DEFAULTS = new LagThresholds(1_000, 5_000);

    public LagThresholds {
        if (warnAbove < 0) {
            throw new IllegalArgumentException("warning lag must be greater than or equal to 0, but was " + warnAbove);
        }
        if (criticalAbove < warnAbove) {
            throw new IllegalArgumentException("critical lag must be greater than or equal to the warning lag ("
                    + warnAbove + "), but was " + criticalAbove);
        }
    }

    /** The verdict on one group. */
    public LagVerdict judge(GroupReport group) {
        long lag = group.totalLag();
        if (group.groupId().startsWith(ReplayOptions.GROUP_PREFIX)) {
            // a replay's bookmark, memberless between runs: its "lag" is letters that arrived since, not a stall
            return new LagVerdict(LagVerdict.Level.OK, "progress of onex dlq replay: " + lag
                    + " letter(s) not replayed");
        }
        if (group.members() == 0 && lag > 0) {
            return new LagVerdict(LagVerdict.Level.CRITICAL, "lag " + lag + " and no members to consume it");
        }
        if (lag > criticalAbove) {
            return new LagVerdict(LagVerdict.Level.CRITICAL, "lag " + lag + " > " + criticalAbove);
        }
        if (lag > warnAbove) {
            return new LagVerdict(LagVerdict.Level.WARNING, "lag " + lag + " > " + warnAbove);
        }
        return new LagVerdict(LagVerdict.Level.OK, "lag " + lag);
    }
}
