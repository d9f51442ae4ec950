package io.onex.api.topic;

/** The {@code event_type} values of the runtime's own events (introspection, heartbeat, registry request). */
public final class EventTypes {
    private EventTypes() {
    }

    public static final String NODE_INTROSPECTION = "NODE_INTROSPECTION";
    public static final String NODE_HEARTBEAT = "NODE_HEARTBEAT";
    public static final String REGISTRY_REQUEST_INTROSPECTION = "REGISTRY_REQUEST_INTROSPECTION";
}
