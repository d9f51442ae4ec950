package io.onex.nodes.agentlog;

import io.onex.api.OutboundEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plausible agent intelligence events, each valid for its topic's schema: what {@code onex demo} publishes, and what
 * the tests start from.
 */
public final class AgentEventSamples {

    private static final List<String> AGENTS = List.of("agent-api-architect", "agent-debug-intelligence",
            "agent-testing", "agent-documentation");

    private AgentEventSamples() {
    }

    /**
     * The {@code n}-th sample event of a topic, ready to publish.
     *
     * @param topic which kind
     * @param n any number; samples differ by it
     * @param correlationId the events' correlation id
     * @return the event
     */
    public static OutboundEvent event(AgentTopic topic, int n, String correlationId) {
        return OutboundEvent.builder(topic.topic(), topic.eventType()).payload(payload(topic, n))
                .correlationId(correlationId).build();
    }

    /** The {@code n}-th sample payload of a topic. */
    public static Map<String, Object> payload(AgentTopic topic, int n) {
        String agent = AGENTS.get(Math.floorMod(n, AGENTS.size()));
        Map<String, Object> p = new LinkedHashMap<>();
        switch (topic) {
            case ROUTING_DECISION -> {
                p.put("user_request", "design a REST API for orders #" + n);
                p.put("selected_agent", agent);
                p.put("confidence_score", 0.92);
                p.put("alternatives", List.of(Map.of("agent_name", "agent-testing", "confidence", 0.41,
                        "reason", "mentions validation")));
                p.put("reasoning", "strong trigger match on 'API'");
                p.put("routing_strategy", "enhanced_fuzzy_matching");
                p.put("context", Map.of("domain", "api_design", "current_file", "orders.py"));
                p.put("routing_time_ms", 12.5);
            }
            case TRANSFORMATION -> {
                p.put("source_agent", "agent-workflow-coordinator");
                p.put("target_agent", agent);
                p.put("transformation_reason", "routing decision #" + n);
                p.put("confidence_score", 0.88);
                p.put("transformation_duration_ms", 35);
                p.put("success", true);
                p.put("context", Map.of("attempt", 1));
            }
            case PERFORMANCE_METRIC -> {
                p.put("query_text", "design a REST API for orders #" + n);
                p.put("routing_duration_ms", 11.0 + n);
                p.put("cache_hit", n % 2 == 0);
                p.put("trigger_match_strategy", "exact");
                p.put("confidence_components", Map.of("trigger_score", 0.9, "context_score", 0.8,
                        "capability_score", 0.95, "historical_score", 0.7));
                p.put("candidates_evaluated", 4);
            }
            case EXECUTION_LOG -> {
                p.put("agent_name", agent);
                p.put("status", "completed");
                p.put("message", "generated the order endpoints #" + n);
                p.put("execution_id", "exec-" + n);
                p.put("duration_ms", 840);
            }
            case QUALITY_GATE -> {
                p.put("agent_name", agent);
                p.put("gate_id", "SV-00" + (1 + Math.floorMod(n, 9)));
                p.put("gate_name", "Input Validation");
                p.put("category", "sequential_validation");
                p.put("status", "passed");
                p.put("execution_time_ms", 18);
                p.put("performance_target_ms", 50);
                p.put("context", Map.of());
            }
            case FUNCTION_COMPLIANCE -> {
                p.put("agent_name", agent);
                p.put("function_name", "validate_inputs");
                p.put("status", "compliant");
                p.put("execution_time_ms", 3);
            }
            case COORDINATION -> {
                p.put("coordination_id", "coord-" + n);
                p.put("coordinator_agent", "agent-workflow-coordinator");
                p.put("participating_agents", List.of(agent, "agent-testing"));
                p.put("coordination_type", "parallel");
                p.put("status", "completed");
                p.put("duration_ms", 1200);
            }
        }
        return p;
    }
}
