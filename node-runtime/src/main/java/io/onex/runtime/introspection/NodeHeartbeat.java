package io.onex.runtime.introspection;

import static io.onex.runtime.introspection.IntrospectionFields.ACTIVE_OPERATIONS;
import static io.onex.runtime.introspection.IntrospectionFields.CIRCUIT_BREAKERS;
import static io.onex.runtime.introspection.IntrospectionFields.EPOCH;
import static io.onex.runtime.introspection.IntrospectionFields.HEALTH_STATUS;
import static io.onex.runtime.introspection.IntrospectionFields.HEARTBEAT_INTERVAL_SECONDS;
import static io.onex.runtime.introspection.IntrospectionFields.LAST_ACTIVITY_TIMESTAMP;
import static io.onex.runtime.introspection.IntrospectionFields.NODE_ID;
import static io.onex.runtime.introspection.IntrospectionFields.NODE_TYPE;
import static io.onex.runtime.introspection.IntrospectionFields.RESOURCE_USAGE;
import static io.onex.runtime.introspection.IntrospectionFields.UPTIME_SECONDS;

import io.onex.api.contract.NodeType;
import io.onex.runtime.health.HealthStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code node-heartbeat} payload: a node is alive, and how it is doing.
 *
 * @param nodeId the node instance's id
 * @param nodeType effect, compute, reducer or orchestrator
 * @param healthStatus its health
 * @param uptimeSeconds whole seconds since the instance started
 * @param lastActivityTimestamp when it last did work (its start when it has done none); written as epoch seconds
 *        with a fraction, like the envelope's timestamp
 * @param activeOperations calls in flight
 * @param resourceUsage the process's memory and CPU
 * @param circuitBreakers breaker states by breaker name
 * @param heartbeatInterval the interval of its heartbeats; a registry counts missed ones with it
 * @param epoch the instance's start in epoch millis, as in its introspection, so that a registry can tell a late
 *        heartbeat of an older instance with the same node id from the current one's; 0 when the sender did not say
 *        (WIRE.md lists no epoch for heartbeats: it is an extra field, which readers that do not know it ignore)
 */
public record NodeHeartbeat(
        String nodeId,
        NodeType nodeType,
        HealthStatus healthStatus,
        long uptimeSeconds,
        Instant lastActivityTimestamp,
        int activeOperations,
        ResourceUsage resourceUsage,
        Map<String, String> circuitBreakers,
        Duration heartbeatInterval,
        long epoch) {

    /** The payload's name in error messages. */
    static final String PAYLOAD = "node-heartbeat";

    public NodeHeartbeat {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(nodeType, "nodeType");
        Objects.requireNonNull(healthStatus, "healthStatus");
        Objects.requireNonNull(lastActivityTimestamp, "lastActivityTimestamp");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        resourceUsage = resourceUsage == null ? ResourceUsage.NONE : resourceUsage;
        circuitBreakers = circuitBreakers == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(circuitBreakers));
    }

    /** A heartbeat that does not say its instance's epoch (as the Python services' do not). */
    public NodeHeartbeat(String nodeId, NodeType nodeType, HealthStatus healthStatus, long uptimeSeconds,
            Instant lastActivityTimestamp, int activeOperations, ResourceUsage resourceUsage,
            Map<String, String> circuitBreakers, Duration heartbeatInterval) {
        this(nodeId, nodeType, healthStatus, uptimeSeconds, lastActivityTimestamp, activeOperations, resourceUsage,
                circuitBreakers, heartbeatInterval, 0);
    }

    /** The wire form, fields in WIRE.md's order. */
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(NODE_ID, nodeId);
        m.put(NODE_TYPE, nodeType.wireName());
        m.put(HEALTH_STATUS, healthStatus.wireName());
        m.put(UPTIME_SECONDS, uptimeSeconds);
        m.put(LAST_ACTIVITY_TIMESTAMP, PayloadReader.epochSeconds(lastActivityTimestamp));
        m.put(ACTIVE_OPERATIONS, activeOperations);
        m.put(RESOURCE_USAGE, resourceUsage.toPayload());
        m.put(CIRCUIT_BREAKERS, new LinkedHashMap<>(circuitBreakers));
        m.put(HEARTBEAT_INTERVAL_SECONDS, seconds(heartbeatInterval));
        if (epoch > 0) {
            m.put(EPOCH, epoch);
        }
        return m;
    }

    /**
     * Reads the wire form. {@code node_id}, {@code node_type} and {@code health_status} are required; other absent
     * fields read as zero or empty ({@code last_activity_timestamp}: the epoch; interval: 30 s, WIRE.md's default).
     *
     * @param payload the envelope's payload
     * @return the heartbeat
     * @throws io.onex.api.InvalidInputException naming the field and what was expected
     */
    public static NodeHeartbeat fromPayload(Map<String, ?> payload) {
        PayloadReader r = new PayloadReader(PAYLOAD, payload);
        BigDecimal interval = r.decimalOr(HEARTBEAT_INTERVAL_SECONDS, BigDecimal.valueOf(30));
        if (interval.signum() <= 0) {
            throw r.invalid(HEARTBEAT_INTERVAL_SECONDS, "is " + interval.toPlainString() + ": expected a number > 0");
        }
        return new NodeHeartbeat(
                r.text(NODE_ID),
                r.enumValue(NODE_TYPE, NodeType::fromWire),
                r.enumValue(HEALTH_STATUS, HealthStatus::fromWire),
                r.wholeNumberOr(UPTIME_SECONDS, 0),
                r.instantOr(LAST_ACTIVITY_TIMESTAMP, Instant.EPOCH),
                (int) r.wholeNumberOr(ACTIVE_OPERATIONS, 0),
                ResourceUsage.read(r.nested(RESOURCE_USAGE)),
                r.textMap(CIRCUIT_BREAKERS),
                Duration.ofMillis(interval.movePointRight(3).longValue()),
                r.wholeNumberOr(EPOCH, 0));
    }

    /** Whole seconds as an integer (the usual case), else seconds with a fraction. */
    private static Number seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (Number) (millis / 1000) : BigDecimal.valueOf(millis, 3).stripTrailingZeros();
    }
}
