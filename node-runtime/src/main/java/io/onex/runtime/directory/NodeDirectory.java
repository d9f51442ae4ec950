package io.onex.runtime.directory;

import io.onex.api.EventEnvelope;
import io.onex.api.contract.NodeType;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.introspection.IntrospectionReason;
import io.onex.runtime.introspection.NodeHeartbeat;
import io.onex.runtime.introspection.NodeIntrospection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's view of the network: every node instance it has heard of, by node id, with its liveness.
 *
 * <p>Rules (WIRE.md, "Introspection, heartbeat, registry request"):
 * <ul>
 *   <li>Introspection is deduplicated by node id and epoch: an introspection with an older epoch than the one kept
 *       is ignored (a restarted instance has a newer epoch); the same or a newer epoch replaces the entry.</li>
 *   <li>A {@code shutdown} introspection marks the node {@link NodeStatus#OFFLINE} (kept in {@link #all()}, left
 *       out of lookups); heartbeats do not bring it back (one sent just before the shutdown may arrive after it,
 *       since the two travel on different topics); only a new introspection does.</li>
 *   <li>Liveness is judged from each event's own timestamp against the injected clock: seen within 2 heartbeat
 *       intervals {@code active}; more than 2 {@code suspect}; more than 3 {@code expired}; {@code active} again on
 *       its next heartbeat or introspection. The event's timestamp rather than its arrival time, so that replayed
 *       history does not make long-dead nodes look alive.</li>
 *   <li>A heartbeat from a node whose introspection has not been seen creates an entry from the heartbeat alone
 *       (name = node id, no topics or operations, {@link NodeEntry#introspected()} false) so the node is visible;
 *       its introspection fills the rest in later.</li>
 * </ul>
 *
 * <p>Listeners are told of each status change once, after the change is applied, on the thread that applied it
 * (the consumer or the liveness sweep); a sweep that finds an active node already past 3 intervals reports one
 * {@link ChangeKind#EXPIRED}. A listener that throws is logged and does not stop the others. Thread-safe.
 */
public final class NodeDirectory {

    /** The heartbeat interval assumed until a node's first heartbeat says otherwise (WIRE.md's default). */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);

    /** The introspection metadata key announcing a node's request topic (docs/remote-calls.md). */
    public static final String REQUEST_TOPIC = "request_topic";

    private static final Logger LOG = LoggerFactory.getLogger(NodeDirectory.class);

    /** What happened to a node. */
    public enum ChangeKind {
        /** First seen (or seen again after it left with a shutdown introspection). */
        JOINED,
        /** Missed more than 2 heartbeat intervals. */
        SUSPECT,
        /** Missed more than 3 heartbeat intervals. */
        EXPIRED,
        /** Seen again while suspect or expired. */
        RETURNED,
        /** Said goodbye with a shutdown introspection. */
        LEFT
    }

    /**
     * A change of one node's status.
     *
     * @param kind what happened
     * @param entry the node as it is after the change
     */
    public record Change(ChangeKind kind, NodeEntry entry) {
        public Change {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(entry, "entry");
        }
    }

    /** Told when a node joins, turns suspect, expires, returns or leaves. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param change what happened, with the node as it is now
         */
        void onChange(Change change);
    }

    private final Clock clock;
    private final Map<String, NodeEntry> nodes = new LinkedHashMap<>();
    /** Each node's health from its last heartbeat: kept beside the entries, which change only with liveness. */
    private final Map<String, HealthStatus> health = new HashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param clock judges liveness
     */
    public NodeDirectory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every node heard of, whatever its status, ordered by node name then node id. */
    public List<NodeEntry> all() {
        List<NodeEntry> list;
        synchronized (nodes) {
            list = new ArrayList<>(nodes.values());
        }
        list.sort(Comparator.comparing(NodeEntry::nodeName).thenComparing(NodeEntry::nodeId));
        return List.copyOf(list);
    }

    /** The entry of this node id, whatever its status. */
    public Optional<NodeEntry> find(String nodeId) {
        synchronized (nodes) {
            return Optional.ofNullable(nodes.get(nodeId));
        }
    }

    /** The health the node reported in its last heartbeat; empty before its first. */
    public Optional<HealthStatus> health(String nodeId) {
        synchronized (nodes) {
            return Optional.ofNullable(health.get(nodeId));
        }
    }

    /** The live (active or suspect) instances with this name (contract name). */
    public List<NodeEntry> findByName(String nodeName) {
        return live(e -> e.nodeName().equals(nodeName));
    }

    /** The live instances of this type. */
    public List<NodeEntry> findByType(NodeType nodeType) {
        return live(e -> e.nodeType() == nodeType);
    }

    /** The live instances offering this operation. */
    public List<NodeEntry> findByCapability(String operation) {
        return live(e -> e.operations().contains(operation));
    }

    /** The live instances subscribing or publishing to this topic (full name). */
    public List<NodeEntry> findByTopic(String topic) {
        return live(e -> e.usesTopic(topic));
    }

    /**
     * Registers a listener for status changes from now on.
     *
     * @param listener the listener
     * @return closes the registration
     */
    public AutoCloseable addListener(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Applies an introspection.
     *
     * @param in the decoded payload
     * @param sentAt the event's timestamp
     * @return whether it changed the view (false: an older epoch than the one kept)
     */
    public boolean applyIntrospection(NodeIntrospection in, Instant sentAt) {
        Change change;
        synchronized (nodes) {
            NodeEntry old = nodes.get(in.nodeId());
            if (old != null && in.epoch() < old.epoch()) {
                LOG.debug("ignored introspection of node {}: epoch {} is older than the known {}", in.nodeId(),
                        in.epoch(), old.epoch());
                return false;
            }
            boolean shutdown = in.reason() == IntrospectionReason.SHUTDOWN;
            Instant seen = old == null ? sentAt : later(old.lastSeen(), sentAt);
            NodeStatus status = shutdown ? NodeStatus.OFFLINE : statusAt(seen, intervalOf(old));
            NodeEntry entry = new NodeEntry(in.nodeId(), in.nodeName(), in.nodeType(), in.nodeVersion(), status,
                    old == null ? null : old.lastHeartbeatOrNull(), seen, intervalOf(old),
                    old == null ? Map.of() : old.circuitBreakers(), in.epoch(),
                    in.capabilities().subscribedTopics(), in.capabilities().publishedTopics(),
                    in.capabilities().operations(), true, requestTopicOf(in));
            nodes.put(in.nodeId(), entry);
            change = changeOf(old, entry);
        }
        fire(change);
        return true;
    }

    /**
     * Applies a heartbeat.
     *
     * @param hb the decoded payload
     * @param sentAt the event's timestamp
     * @return whether it changed the view (false: the node left with a shutdown introspection)
     */
    public boolean applyHeartbeat(NodeHeartbeat hb, Instant sentAt) {
        Change change;
        synchronized (nodes) {
            NodeEntry old = nodes.get(hb.nodeId());
            if (old != null && old.status() == NodeStatus.OFFLINE) {
                LOG.debug("ignored heartbeat of node {}: it left with a shutdown introspection", hb.nodeId());
                return false;
            }
            if (old != null && hb.epoch() > 0 && hb.epoch() < old.epoch()) {
                // a late heartbeat of an older instance with the same node id (a stable ONEX_INSTANCE_ID restarted)
                LOG.debug("ignored heartbeat of node {}: epoch {} is older than the instance known ({})", hb.nodeId(),
                        hb.epoch(), old.epoch());
                return false;
            }
            Instant heartbeatAt = old == null || old.lastHeartbeatOrNull() == null ? sentAt
                    : later(old.lastHeartbeatOrNull(), sentAt);
            Instant seen = old == null ? sentAt : later(old.lastSeen(), sentAt);
            NodeStatus status = statusAt(seen, hb.heartbeatInterval());
            NodeEntry entry = old == null
                    ? new NodeEntry(hb.nodeId(), hb.nodeId(), hb.nodeType(), "", status, heartbeatAt, seen,
                            hb.heartbeatInterval(), hb.circuitBreakers(), 0, List.of(), List.of(), List.of(), false)
                    : new NodeEntry(old.nodeId(), old.nodeName(), old.nodeType(), old.nodeVersion(), status,
                            heartbeatAt, seen, hb.heartbeatInterval(), hb.circuitBreakers(), old.epoch(),
                            old.subscribedTopics(), old.publishedTopics(), old.operations(), old.introspected(),
                            old.requestTopic());
            nodes.put(hb.nodeId(), entry);
            health.put(hb.nodeId(), hb.healthStatus());
            change = changeOf(old, entry);
        }
        fire(change);
        return true;
    }

    /**
     * Applies an introspection or heartbeat envelope, as read from the registry topics.
     *
     * @return whether it changed the view
     * @throws IllegalArgumentException when the event is neither, or its payload does not read
     */
    public boolean applyEvent(EventEnvelope event) {
        if (EventTypes.NODE_INTROSPECTION.equalsIgnoreCase(event.eventType())) {
            return applyIntrospection(NodeIntrospection.fromPayload(event.payload()), event.timestamp());
        }
        if (EventTypes.NODE_HEARTBEAT.equalsIgnoreCase(event.eventType())) {
            return applyHeartbeat(NodeHeartbeat.fromPayload(event.payload()), event.timestamp());
        }
        throw new IllegalArgumentException("event_type is '" + event.eventType() + "': expected '"
                + EventTypes.NODE_INTROSPECTION + "' or '" + EventTypes.NODE_HEARTBEAT + "'");
    }

    /** Re-judges every node's liveness against the clock, telling listeners of each change. */
    public void sweep() {
        List<Change> changes = new ArrayList<>();
        synchronized (nodes) {
            for (Map.Entry<String, NodeEntry> e : nodes.entrySet()) {
                NodeEntry old = e.getValue();
                if (old.status() == NodeStatus.OFFLINE) {
                    continue;
                }
                NodeStatus now = statusAt(old.lastSeen(), old.heartbeatInterval());
                if (now != old.status()) {
                    NodeEntry updated = old.withStatus(now);
                    e.setValue(updated);
                    changes.add(changeOf(old, updated));
                }
            }
        }
        changes.forEach(this::fire);
    }

    private List<NodeEntry> live(Predicate<NodeEntry> match) {
        return all().stream().filter(e -> e.status().live() && match.test(e)).toList();
    }

    private NodeStatus statusAt(Instant lastSeen, Duration interval) {
        Duration silent = Duration.between(lastSeen, clock.instant());
        if (silent.compareTo(interval.multipliedBy(3)) > 0) {
            return NodeStatus.EXPIRED;
        }
        if (silent.compareTo(interval.multipliedBy(2)) > 0) {
            return NodeStatus.SUSPECT;
        }
        return NodeStatus.ACTIVE;
    }

    private static String requestTopicOf(NodeIntrospection in) {
        return in.metadata().get(REQUEST_TOPIC) instanceof String topic ? topic : "";
    }

    private static Duration intervalOf(NodeEntry old) {
        return old == null ? DEFAULT_HEARTBEAT_INTERVAL : old.heartbeatInterval();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** The change from old to new, or null when the status is unchanged. */
    private static Change changeOf(NodeEntry old, NodeEntry now) {
        NodeStatus was = old == null ? null : old.status();
        if (was == now.status()) {
            return null;
        }
        ChangeKind kind = switch (now.status()) {
            case ACTIVE -> was == null || was == NodeStatus.OFFLINE ? ChangeKind.JOINED : ChangeKind.RETURNED;
            case SUSPECT -> was == null ? ChangeKind.JOINED : ChangeKind.SUSPECT;
            // first heard of already expired: history replayed from the topic, nothing to announce
            case EXPIRED -> was == null ? null : ChangeKind.EXPIRED;
            case OFFLINE -> was == null ? null : ChangeKind.LEFT;
        };
        return kind == null ? null : new Change(kind, now);
    }

    private void fire(Change change) {
        if (change == null) {
            return;
        }
        LOG.info("node {} ({} {}) {}: now {}", change.entry().nodeId(), change.entry().nodeType().wireName(),
                change.entry().nodeName(), change.kind().name().toLowerCase(Locale.ROOT),
                change.entry().status().wireName());
        for (Listener l : listeners) {
            try {
                l.onChange(change);
            } catch (RuntimeException e) {
                LOG.warn("directory listener {} failed on {} of node {}: {}", l, change.kind(),
                        change.entry().nodeId(), e.toString());
            }
        }
    }
}
