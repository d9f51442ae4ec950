package io.onex.api;

import java.util.Objects;

/**
 * The envelope's {@code source}: who published the event.
 *
 * @param service the service, e.g. {@code omninode_bridge}
 * @param nodeType the node type, e.g. {@code orchestrator} (free text on the wire: Python services send others)
 * @param nodeId the publishing node instance's id
 */
public record EventSource(String service, String nodeType, String nodeId) {
    public EventSource {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(nodeType, "nodeType");
        Objects.requireNonNull(nodeId, "nodeId");
    }
}
