package io.onex.runtime.resilience;

/**
 * The state of a node's circuit breaker, as heartbeats, introspection ({@code breakers}), {@code /health} and the
 * {@code onex.node.breaker.state} gauge report it. {@link #wireName()} is the spelling on the wire (WIRE.md):
 * {@code closed}, {@code open}, {@code half_open}, {@code disabled}.
 */
public enum BreakerState {
    /** Calls pass. */
    CLOSED("closed", 0),
    /** Calls are rejected until the open wait has passed. */
    OPEN("open", 1),
    /** Trial calls decide between closed and open. */
    HALF_OPEN("half_open", 2),
    /** The contract disables the breaker. */
    DISABLED("disabled", -1);

    private final String wireName;
    private final int code;

    BreakerState(String wireName, int code) {
        this.wireName = wireName;
        this.code = code;
    }

    /** The lower-case name of heartbeats, introspection and health: {@code closed}, {@code half_open}, ... */
    public String wireName() {
        return wireName;
    }

    /** The gauge value: 0 closed, 1 open, 2 half-open, -1 disabled. */
    public int code() {
        return code;
    }

    /**
     * The state of a wire name.
     *
     * @param wireName {@code closed}, {@code open}, {@code half_open} or {@code disabled}
     * @throws IllegalArgumentException for any other text
     */
    public static BreakerState ofWireName(String wireName) {
        for (BreakerState s : values()) {
            if (s.wireName.equals(wireName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("breaker state must be one of closed, open, half_open, disabled, but was '"
                + wireName + "'");
    }

    /**
     * The state of a gauge value.
     *
     * @param code 0, 1, 2 or -1, as {@link #code()}
     * @throws IllegalArgumentException for any other value
     */
    public static BreakerState ofCode(int code) {
        for (BreakerState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("breaker state code must be one of 0, 1, 2, -1, but was " + code);
    }

    /** The wire name, so that string concatenation and JSON writers keep the wire spelling. */
    @Override
    public String toString() {
        return wireName;
    }
}
