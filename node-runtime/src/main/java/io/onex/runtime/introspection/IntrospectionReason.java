package io.onex.runtime.introspection;

import java.util.Locale;

/** Why a node published {@code node-introspection} (the payload's {@code reason}). */
public enum IntrospectionReason {
    /** The node started. */
    STARTUP,
    /** A registry asked ({@code registry-request-introspection}). */
    REGISTRY_REQUEST,
    /** The node re-announced itself. */
    REFRESH,
    /** The node is stopping: a registry may drop it at once instead of waiting for missed heartbeats. */
    SHUTDOWN;

    /** The wire form: {@code startup}, {@code registry_request}, {@code refresh}, {@code shutdown}. */
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
    public static IntrospectionReason fromWire(String text) {
        for (IntrospectionReason r : values()) {
            if (r.wireName().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "introspection reason must be one of startup, registry_request, refresh, shutdown, but was '" + text + "'");
    }
}
