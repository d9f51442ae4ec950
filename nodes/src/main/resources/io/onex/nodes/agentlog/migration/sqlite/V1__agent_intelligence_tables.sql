-- The agent intelligence logger's tables: one per agents.evt topic of 001_9bb7d5109e5b7cfc.txt, columns from
-- its interfaces. Every row is one event, keyed by the envelope's event_id: a redelivered event inserts nothing
-- (ON CONFLICT (event_id) DO NOTHING). event_timestamp is the envelope's; recorded_at is when the row was written.

-- agents.evt.agent-routing-decision.v1
CREATE TABLE agent_routing_decisions (
    event_id TEXT PRIMARY KEY,
    correlation_id TEXT,
    event_type TEXT NOT NULL,
    source_node_id TEXT,
    event_timestamp TEXT NOT NULL,
    user_request TEXT NOT NULL,
    selected_agent TEXT NOT NULL,
    confidence_score REAL NOT NULL,
    alternatives TEXT NOT NULL,
    reasoning TEXT NOT NULL,
    routing_strategy TEXT NOT NULL,
    context TEXT NOT NULL,
    routing_time_ms REAL NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX agent_routing_decisions_time_idx ON agent_routing_decisions (event_timestamp);
CREATE INDEX agent_routing_decisions_selected_agent_idx ON agent_routing_decisions (selected_agent, event_timestamp);

-- agents.evt.agent-transformation.v1
CREATE TABLE agent_transformation_events (
    event_id TEXT PRIMARY KEY,
    correlation_id TEXT,
    event_type TEXT NOT NULL,
    source_node_id TEXT,
    event_timestamp TEXT NOT NULL,
    source_agent TEXT NOT NULL,
    target_agent TEXT NOT NULL,
    transformation_reason TEXT NOT NULL,
    confidence_score REAL NOT NULL,
    transformation_duration_ms REAL NOT NULL,
    success INTEGER NOT NULL,
    error_message TEXT,
    context TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK (success IN (0, 1))
);
CREATE INDEX agent_transformation_events_time_idx ON agent_transformation_events (event_timestamp);
CREATE INDEX agent_transformation_events_target_agent_idx ON agent_transformation_events (target_agent, event_timestamp);

-- agents.evt.agent-performance-metric.v1
CREATE TABLE router_performance_metrics (
    event_id TEXT PRIMARY KEY,
    correlation_id TEXT,
    event_type TEXT NOT NULL,
    source_node_id TEXT,
    event_timestamp TEXT NOT NULL,
    query_text TEXT NOT NULL,
    routing_duration_ms REAL NOT NULL,
    cache_hit INTEGER NOT NULL,
    trigger_match_strategy TEXT NOT NULL,
    confidence_components TEXT NOT NULL,
    candidates_evaluated INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK (cache_hit IN (0, 1))
);
CREATE INDEX router_performance_metrics_time_idx ON router_performance_metrics (event_timestamp);

-- agents.evt.agent-execution-log.v1
CREATE TABLE agent_execution_logs (
    event_id TEXT PRIMARY KEY,
    correlation_id TEXT,
    event_type TEXT NOT NULL,
    source_node_id TEXT,
    event_timestamp TEXT NOT NULL,
    agent_name TEXT NOT NULL,
    status TEXT NOT NULL,
    message TEXT NOT NULL,
    execution_id TEXT,
    duration_ms REAL,
    error_message TEXT,
    context TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX agent_execution_logs_time_idx ON agent_execution_logs (event_timestamp);
CREATE INDEX agent_execution_logs_agent_name_idx ON agent_execution_logs (agent_name, event_timestamp);

-- agents.evt.agent-quality-gate.v1
CREATE TABLE agent_quality_gates (
    event_id TEXT PRIMARY KEY,
    correlation_id TEXT,
    event_type TEXT NOT NULL,
    source_node_id TEXT,
    event_timestamp TEXT NOT NULL,
    agent_name TEXT NOT NULL,
    gate_id TEXT NOT NULL,
    gate_name TEXT NOT NULL,
    category TEXT NOT NULL,
    status TEXT NOT NULL,
    execution_time_ms REAL NOT NULL,
    performance_target_ms REAL NOT NULL,
    error_message TEXT,
    context TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK (status IN ('passed', 'failed', 'skipped'))
);
CREATE INDEX agent_quality_gates_time_idx ON agent_quality_gates (event_timestamp);
CREATE INDEX agent_quality_gates_agent_name_idx ON agent_quality_gates (agent_name, event_timestamp);

-- agents.evt.agent-function-compliance.v1
CREATE TABLE agent_function_compliance (
    event_id TEXT PRIMARY KEY,
    correlation_id TEXT,
    event_type TEXT NOT NULL,
    source_node_id TEXT,
    event_timestamp TEXT NOT NULL,
    agent_name TEXT NOT NULL,
    function_name TEXT NOT NULL,
    status TEXT NOT NULL,
    execution_time_ms REAL,
    error_message TEXT,
    context TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX agent_function_compliance_time_idx ON agent_function_compliance (event_timestamp);
CREATE INDEX agent_function_compliance_agent_name_idx ON agent_function_compliance (agent_name, event_timestamp);

-- agents.evt.agent-coordination.v1
CREATE TABLE agent_coordination_events (
    event_id TEXT PRIMARY KEY,
    correlation_id TEXT,
    event_type TEXT NOT NULL,
    source_node_id TEXT,
    event_timestamp TEXT NOT NULL,
    coordination_id TEXT NOT NULL,
    coordinator_agent TEXT NOT NULL,
    participating_agents TEXT NOT NULL,
    coordination_type TEXT NOT NULL,
    status TEXT NOT NULL,
    duration_ms REAL,
    context TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX agent_coordination_events_time_idx ON agent_coordination_events (event_timestamp);
CREATE INDEX agent_coordination_events_coordination_id_idx ON agent_coordination_events (coordination_id, event_timestamp);
