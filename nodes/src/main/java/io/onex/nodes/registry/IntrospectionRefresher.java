package io.onex.nodes.registry;

import io.onex.api.EventPublisher;
import io.onex.api.OutboundEvent;
import io.onex.api.contract.NodeType;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.directory.NodeEntry;
import io.onex.runtime.introspection.RegistryIntrospectionRequest;
import io.onex.runtime.introspection.RegistryRequestReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the type of a node known only from its heartbeats to introspect again ({@code registry-request-introspection},
 * reason {@code refresh}), at most once per {@link #REFRESH_BACKOFF} per node type: a node that keeps beating without
 * an introspection is asked again once per backoff, and one that has introspected is never asked.
 *
 * <p>A request is counted against the backoff when it is sent, whether or not the broker takes it: while the broker
 * is down, heartbeats keep arriving, and retrying on each would turn them into a stream of failing publishes.
 * Thread-safe.
 */
final class IntrospectionRefresher {

    /**
     * The least time between two refresh requests for one node type. 30 s is WIRE.md's default heartbeat interval,
     * so a half-known node is asked at most about once per heartbeat it sends; it is six times the request's 5 s
     * {@code response_timeout_ms}, so a request is not repeated while its answers may still be on the way. Each
     * request makes every live node of the type introspect, so a shorter backoff would cost the whole type more.
     */
    static final Duration REFRESH_BACKOFF = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(IntrospectionRefresher.class);

    private final String registryId;
    private final NodeDirectory directory;
    private final Clock clock;
    private final Map<NodeType, Instant> lastAsked = new EnumMap<>(NodeType.class);

    /**
     * @param registryId the request's {@code registry_id}
     * @param directory where the nodes still to be introspected are found
     * @param clock measures the backoff
     */
    IntrospectionRefresher(String registryId, NodeDirectory directory, Clock clock) {
        this.registryId = Objects.requireNonNull(registryId, "registryId");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Asks the node's type to introspect when the node is live, not introspected, and its type was not asked within
     * the backoff. Never throws: a failed publish is logged.
     *
     * @param entry the node as its heartbeat left it
     * @param publisher where the request goes
     */
    void heartbeatApplied(NodeEntry entry, EventPublisher publisher) {
        // an expired entry is replayed history: nobody is there to answer
        if (entry.introspected() || !entry.status().live() || !claim(entry.nodeType())) {
            return;
        }
        String type = entry.nodeType().wireName();
        RegistryIntrospectionRequest request = new RegistryIntrospectionRequest(registryId,
                RegistryRequestReason.REFRESH, List.of(type), RegistryIntrospectionRequest.DEFAULT_RESPONSE_TIMEOUT_MS);
        LOG.info("registry {}: nodes {} known only from heartbeats; asking node type {} to introspect (refresh), next"
                + " ask in {} s at the earliest", registryId, halfKnown(entry.nodeType()), type,
                REFRESH_BACKOFF.toSeconds());
        try {
            publisher.publish(OutboundEvent.builder(BridgeTopics.REGISTRY_REQUEST_INTROSPECTION,
                            EventTypes.REGISTRY_REQUEST_INTROSPECTION).payload(request.toPayload()).build())
                    .whenComplete((ok, failure) -> {
                        if (failure != null) {
                            warnNotPublished(type, failure);
                        }
                    });
        } catch (RuntimeException e) {
            warnNotPublished(type, e);
        }
    }

    /** Whether the type may be asked now; if so, the backoff starts now. */
    private synchronized boolean claim(NodeType type) {
        Instant now = clock.instant();
        Instant last = lastAsked.get(type);
        if (last != null && now.isBefore(last.plus(REFRESH_BACKOFF))) {
            return false;
        }
        lastAsked.put(type, now);
        return true;
    }

    /** The ids of the live nodes of this type known only from heartbeats: the ones the request is for. */
    private List<String> halfKnown(NodeType type) {
        return directory.all().stream().filter(e -> e.nodeType() == type && !e.introspected() && e.status().live())
                .map(NodeEntry::nodeId).toList();
    }

    private void warnNotPublished(String type, Throwable failure) {
        LOG.warn("registry {}: refresh introspection request for node type {} not published; asking again on a"
                + " heartbeat after {} s: {}", registryId, type, REFRESH_BACKOFF.toSeconds(), failure.toString());
    }
}
