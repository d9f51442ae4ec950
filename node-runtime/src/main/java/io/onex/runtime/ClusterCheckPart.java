package io.onex.runtime;

import io.onex.runtime.ops.ClusterSession;
import io.onex.runtime.ops.ClusterUnreachableException;
import java.time.Duration;

/**
 * Asks a configured cluster to answer before anything subscribes or publishes: a wrong password, a wrong CA or no
 * broker then fails the start within seconds with the cause and the settings to check (never their values), instead
 * of consumers retrying and logging forever. Skipped for the embedded broker and for a test's fake clients (the
 * test kits). Nothing to close.
 */
final class ClusterCheckPart implements RuntimePart {
    /** Longer than the verbs' 5 s: a runtime may start while its cluster is still coming up. */
    static final Duration REACH_TIMEOUT = Duration.ofSeconds(10);

    private final EmbeddedBrokerPart broker;
    private final SharedServicesPart shared;
    private final boolean realClients;

    /** @param realClients false when the Kafka clients are a test's fakes: there is no cluster to ask */
    ClusterCheckPart(EmbeddedBrokerPart broker, SharedServicesPart shared, boolean realClients) {
        this.broker = broker;
        this.shared = shared;
        this.realClients = realClients;
    }

    @Override
    public String name() {
        return "cluster check";
    }

    @Override
    public void start() {
        if (broker.embedded() || !realClients) {
            return;
        }
        String servers = broker.config().bootstrapServers().orElse("");
        try {
            ClusterSession.check(shared.services().admin, servers, REACH_TIMEOUT);
        } catch (ClusterUnreachableException e) {
            throw new RuntimeStartupException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
    }
}
