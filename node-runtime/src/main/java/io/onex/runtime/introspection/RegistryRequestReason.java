package io.onex.runtime.introspection;

import java.util.Locale;

/** Why a registry asked nodes to introspect (the {@code registry-request-introspection} payload's {@code reason}). */
public enum RegistryRequestReason {
    /** The registry started and rebuilds its view. */
    STARTUP,
    /** The registry recovers from a failure. */
    RECOVERY,
    /** Periodic refresh. */
    REFRESH,
    /** An operator asked. */
    MANUAL;

    /** The wire form: {@code startup}, {@code recovery}, {@code refresh}, {@code manual}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the wire form.
     *
     * @param text the lower-case name
     * @return the reason
     * @throws IllegalArgumentException when the text is none of the four
     */
    public static RegistryRequestReason fromWire(String text) {
        for (RegistryRequestReason r : values()) {
            if (r.wireName().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "registry request reason must be one of startup, recovery, refresh, manual, but was '" + text + "'");
    }
}
