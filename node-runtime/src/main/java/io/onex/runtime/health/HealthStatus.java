package io.onex.runtime.health;

import java.util.Locale;

/**
 * A node's (or the runtime's) health, as written in {@code node-heartbeat} and in the {@code /health} report.
 *
 * <p>Constants are declared from best to worst, so {@link #worse} can combine statuses: a runtime is as healthy as
 * its least healthy node.
 */
public enum HealthStatus {
    /** Everything works. */
    HEALTHY,
    /** The circuit breaker is letting trial calls through after having been open. */
    RECOVERING,
    /** Working, with a part impaired (e.g. the node's consumer is not healthy). */
    DEGRADED,
    /** Not doing its work (e.g. the circuit breaker is open). */
    UNHEALTHY,
    /** The runtime itself is failing (its threads are dead). */
    CRITICAL;

    /** The wire form: {@code healthy}, {@code recovering}, {@code degraded}, {@code unhealthy}, {@code critical}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The less healthy of two statuses.
     *
     * @param other another status
     * @return this or {@code other}, whichever is worse
     */
    public HealthStatus worse(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /**
     * Parses the wire form.
     *
     * @param text the lower-case name
     * @return the status
     * @throws IllegalArgumentException when the text is none of the five
     */
    public static HealthStatus fromWire(String text) {
        for (HealthStatus s : values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "health status must be one of healthy, degraded, unhealthy, critical, recovering, but was '" + text + "'");
    }
}
