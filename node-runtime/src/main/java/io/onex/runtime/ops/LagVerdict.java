package io.onex.runtime.ops;

/**
 * What {@link LagThresholds} says of a group.
 *
 * @param level ok, warning or critical
 * @param reason why, e.g. {@code lag 6200 > 5000}
 */
public record LagVerdict(Level level, String reason) {

    /** How bad. */
    public enum Level {
        OK, WARNING, CRITICAL
    }
}
