package io.onex.runtime.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.onex.runtime.lag.GroupVerdict;
import io.onex.runtime.resilience.BreakerState;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The runtime's health at one instant, as served by {@code /health}.
 *
 * <pre>{@code
 * {"status": "healthy", "live": true, "ready": true, "checked_at": "2023-12-01T16:00:00.123Z",
 *  "liveness": {"threads_alive": true},
 *  "readiness": {"broker_reachable": true, "consumers": {"orchestrator-7f3a": {"assigned": 3}}},
 *  "nodes": {"orchestrator-7f3a": {"health_status": "healthy", "breaker_state": "closed",
 *                                  "consumer_healthy": true, "active_operations": 0}},
 *  "groups": {"orchestrator": {"verdict": "ok", "health_status": "healthy", "lag": 0, "reason": "lag 0"}}}
 * }</pre>
 *
 * @param status the overall status: the worst of the nodes', {@code unhealthy} without a broker, {@code critical}
 *        when not live
 * @param live whether the runtime's threads are alive
 * @param ready whether the runtime can take work: live, broker reachable, every consumer assigned, no breaker open
 * @param brokerReachable whether the Kafka cluster answered
 * @param consumerAssignments partitions assigned, by consumer name
 * @param nodes each node's health, by node id
 * @param groups the lag verdict of each consumer group the nodes consume in, by group
 * @param checkedAt when the report was made
 */
public record HealthReport(
        HealthStatus status,
        boolean live,
        boolean ready,
        boolean brokerReachable,
        Map<String, Integer> consumerAssignments,
        Map<String, NodeHealth> nodes,
        Map<String, GroupVerdict> groups,
        Instant checkedAt) {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public HealthReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(checkedAt, "checkedAt");
        consumerAssignments = ordered(consumerAssignments);
        nodes = ordered(nodes);
        groups = ordered(groups);
    }

    /** A report without consumer-group verdicts. */
    public HealthReport(HealthStatus status, boolean live, boolean ready, boolean brokerReachable,
            Map<String, Integer> consumerAssignments, Map<String, NodeHealth> nodes, Instant checkedAt) {
        this(status, live, ready, brokerReachable, consumerAssignments, nodes, Map.of(), checkedAt);
    }

    /**
     * One node's part of the report.
     *
     * @param status the node's health by {@link NodeHealthRule}
     * @param breakerState its circuit breaker state
     * @param consumerHealthy whether its consumer is healthy (true without a consumer)
     * @param activeOperations calls in flight
     */
    public record NodeHealth(HealthStatus status, BreakerState breakerState, boolean consumerHealthy,
            int activeOperations) {
        public NodeHealth {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(breakerState, "breakerState");
        }
    }

    /** The report as JSON, snake_case, fields in the order of the class comment. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("status", status.wireName());
        root.put("live", live);
        root.put("ready", ready);
        root.put("checked_at", checkedAt.toString());
        root.put("liveness", Map.of("threads_alive", live));
        Map<String, Object> consumers = new LinkedHashMap<>();
        consumerAssignments.forEach((name, assigned) -> consumers.put(name, Map.of("assigned", assigned)));
        Map<String, Object> readiness = new LinkedHashMap<>();
        readiness.put("broker_reachable", brokerReachable);
        readiness.put("consumers", consumers);
        root.put("readiness", readiness);
        Map<String, Object> nodeJson = new LinkedHashMap<>();
        nodes.forEach((id, n) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("health_status", n.status().wireName());
            one.put("breaker_state", n.breakerState().wireName());
            one.put("consumer_healthy", n.consumerHealthy());
            one.put("active_operations", n.activeOperations());
            nodeJson.put(id, one);
        });
        root.put("nodes", nodeJson);
        Map<String, Object> groupJson = new LinkedHashMap<>();
        groups.forEach((id, v) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("verdict", v.kind().wireName());
            one.put("health_status", NodeHealthRule.of(v).wireName());
            one.put("lag", v.totalLag());
            one.put("reason", v.reason());
            groupJson.put(id, one);
        });
        root.put("groups", groupJson);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize the health report", e);
        }
    }

    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return m == null || m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
