package io.onex.runtime;

/**
 * Announces the nodes to the registry (startup introspection, heartbeats) and answers its introspection requests.
 * Closing announces each node's shutdown; {@link #abandon()} stops without announcing.
 */
final class IntrospectionPart implements RuntimePart {
    private final NodesPart nodes;
    private final EmbeddedBrokerPart broker;
    private final SharedServicesPart shared;
    private final HttpPart http;
    private final String runtimeId;
    private final boolean announce;

    /** @param announce false for a runtime that watches the network unseen (no introspection, no heartbeats) */
    IntrospectionPart(NodesPart nodes, EmbeddedBrokerPart broker, SharedServicesPart shared, HttpPart http,
            String runtimeId, boolean announce) {
        this.announce = announce;
        this.nodes = nodes;
        this.broker = broker;
        this.shared = shared;
        this.http = http;
        this.runtimeId = runtimeId;
    }

    @Override
    public String name() {
        return "introspection";
    }

    @Override
    public void start() {
        if (!announce) {
            return;
        }
        shared.services().introspection.start(nodes.nodes().values(), broker.config(), runtimeId, http.endpoints());
    }

    @Override
    public void close() {
        if (!announce) {
            return;
        }
        shared.services().introspection.close(true);
    }

    @Override
    public void abandon() {
        if (!announce) {
            return;
        }
        shared.services().introspection.close(false);
    }
}
