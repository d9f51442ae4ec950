package io.onex.runtime.config;

import java.util.Objects;

/**
 * A value that must not be shown: {@link #toString()} is {@code [hidden]}, so a secret can travel through logs,
 * exception messages and {@code toString()} of its holders without leaking. Call {@link #reveal()} only where the
 * value is handed to the client that needs it.
 */
public final class Secret {

    private static final String HIDDEN = "[hidden]";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the secret value
     * @return the secret
     */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The value itself. */
    public String reveal() {
        return value;
    }

    /** Always {@code [hidden]}. */
    @Override
    public String toString() {
        return HIDDEN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
