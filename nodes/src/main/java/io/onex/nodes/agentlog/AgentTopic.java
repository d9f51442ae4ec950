package io.onex.nodes.agentlog;

import static io.onex.nodes.agentlog.AgentColumn.Type.BOOLEAN;
import static io.onex.nodes.agentlog.AgentColumn.Type.INTEGER;
import static io.onex.nodes.agentlog.AgentColumn.Type.JSON;
import static io.onex.nodes.agentlog.AgentColumn.Type.NUMBER;
import static io.onex.nodes.agentlog.AgentColumn.Type.TEXT;
import static io.onex.nodes.agentlog.AgentColumn.optional;
import static io.onex.nodes.agentlog.AgentColumn.required;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The seven agent intelligence topics of {@code 001_9bb7d5109e5b7cfc.txt} ("Proposed New Topics"): each with the event
 * type its producers write, the table the logger writes it to, its payload schema and the columns taken from the
 * payload. Partitions and retention are in the contract ({@code topic_settings}), where the runtime reads them.
 */
public enum AgentTopic {

    ROUTING_DECISION("agent-routing-decision", "agent_routing_decisions", List.of(
            required("user_request", TEXT), required("selected_agent", TEXT), required("confidence_score", NUMBER),
            required("alternatives", JSON), required("reasoning", TEXT), required("routing_strategy", TEXT),
            required("context", JSON), required("routing_time_ms", NUMBER))),
    TRANSFORMATION("agent-transformation", "agent_transformation_events", List.of(
            required("source_agent", TEXT), required("target_agent", TEXT), required("transformation_reason", TEXT),
            required("confidence_score", NUMBER), required("transformation_duration_ms", NUMBER),
            required("success", BOOLEAN), optional("error_message", TEXT), required("context", JSON))),
    PERFORMANCE_METRIC("agent-performance-metric", "router_performance_metrics", List.of(
            required("query_text", TEXT), required("routing_duration_ms", NUMBER), required("cache_hit", BOOLEAN),
            required("trigger_match_strategy", TEXT), required("confidence_components", JSON),
            required("candidates_evaluated", INTEGER))),
    EXECUTION_LOG("agent-execution-log", "agent_execution_logs", List.of(
            required("agent_name", TEXT), required("status", TEXT), required("message", TEXT),
            optional("execution_id", TEXT), optional("duration_ms", NUMBER), optional("error_message", TEXT),
            optional("context", JSON))),
    QUALITY_GATE("agent-quality-gate", "agent_quality_gates", List.of(
            required("agent_name", TEXT), required("gate_id", TEXT), required("gate_name", TEXT),
            required("category", TEXT), required("status", TEXT), required("execution_time_ms", NUMBER),
            required("performance_target_ms", NUMBER), optional("error_message", TEXT), required("context", JSON))),
    FUNCTION_COMPLIANCE("agent-function-compliance", "agent_function_compliance", List.of(
            required("agent_name", TEXT), required("function_name", TEXT), required("status", TEXT),
            optional("execution_time_ms", NUMBER), optional("error_message", TEXT), optional("context", JSON))),
    COORDINATION("agent-coordination", "agent_coordination_events", List.of(
            required("coordination_id", TEXT), required("coordinator_agent", TEXT),
            required("participating_agents", JSON), required("coordination_type", TEXT), required("status", TEXT),
            optional("duration_ms", NUMBER), optional("context", JSON)));

    /** The tables, in topic order (the order of {@code rowCounts()}). */
    public static final List<String> TABLES = Arrays.stream(values()).map(AgentTopic::table).toList();

    private final String name;
    private final String table;
    private final List<AgentColumn> columns;

    AgentTopic(String name, String table, List<AgentColumn> columns) {
        this.name = name;
        this.table = table;
        this.columns = columns;
    }

    /** The topic reference, e.g. {@code agents.evt.agent-routing-decision.v1} (the runtime adds env and tenant). */
    public String topic() {
        return "agents.evt." + name + ".v1";
    }

    /** The event type producers write, e.g. {@code AGENT_ROUTING_DECISION}. */
    public String eventType() {
        return name.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The table its events go to. */
    public String table() {
        return table;
    }

    /** Classpath resource of its payload's JSON Schema. */
    public String schemaResource() {
        return "io/onex/nodes/agentlog/schema/" + name + ".v1.json";
    }

    List<AgentColumn> columns() {
        return columns;
    }

    /**
     * The topic of an event type, in any case, with {@code -} or {@code _} ({@code AGENT_QUALITY_GATE},
     * {@code agent-quality-gate}).
     */
    public static Optional<AgentTopic> ofEventType(String eventType) {
        if (eventType == null) {
            return Optional.empty();
        }
        String normal = eventType.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.eventType().equals(normal)).findFirst();
    }
}
