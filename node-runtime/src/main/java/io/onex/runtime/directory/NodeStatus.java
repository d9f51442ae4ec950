package io.onex.runtime.directory;

import java.util.Locale;

/** A node's liveness as the registry sees it. */
public enum NodeStatus {
    /** Heartbeats (or introspections) arrive: seen within the last 2 heartbeat intervals. */
    ACTIVE,
    /** Not seen for more than 2 heartbeat intervals. */
    SUSPECT,
    /** Not seen for more than 3 heartbeat intervals. */
    EXPIRED,
    /** Said goodbye with a shutdown introspection; only a new introspection brings it back. */
    OFFLINE;

    /** Lower-case name, for tables and logs. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether lookups return nodes in this status: active and suspect ones may still answer. */
    public boolean live() {
        return this == ACTIVE || this == SUSPECT;
    }
}
