package io.onex.nodes.registry;

/** What {@link NodeBridgeRegistry} did with one consumed event. */
public enum RegistryUpdate {
    /** The directory took it in. */
    APPLIED,
    /** Stale: an introspection of an older epoch, or a heartbeat of a node that left. */
    IGNORED
}
