-- The agent intelligence logger's tables: one per agents.evt topic of 001_9bb7d5109e5b7cfc.txt, columns from
-- its interfaces. Every row is one event, keyed by the envelope's event_id: a redelivered event inserts nothing
-- (ON CONFLICT (event_id) DO NOTHING). event_timestamp is the envelope's; recorded_at is when the row was written.

-- agents.evt.agent-routing-decision.v1
CREATE TABLE agent_routing_decisions (
    event_id uuid PRIMARY KEY,
    correlation_id text,
    event_type text NOT NULL,
    source_node_id text,
    event_timestamp timestamptz NOT NULL,
    user_request text NOT NULL,
    selected_agent text NOT NULL,
    confidence_score double precision NOT NULL,
    alternatives jsonb NOT NULL,
    reasoning text NOT NULL,
    routing_strategy text NOT NULL,
    context jsonb NOT NULL,
    routing_time_ms double precision NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX agent_routing_decisions_time_idx ON agent_routing_decisions (event_timestamp);
CREATE INDEX agent_routing_decisions_selected_agent_idx ON agent_routing_decisions (selected_agent, event_timestamp);

-- agents.evt.agent-transformation.v1
CREATE TABLE agent_transformation_events (
    event_id uuid PRIMARY KEY,
    correlation_id text,
    event_type text NOT NULL,
    source_node_id text,
    event_timestamp timestamptz NOT NULL,
    source_agent text NOT NULL,
    target_agent text NOT NULL,
    transformation_reason text NOT NULL,
    confidence_score double precision NOT NULL,
    transformation_duration_ms double precision NOT NULL,
    success boolean NOT NULL,
    error_message text,
    context jsonb NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX agent_transformation_events_time_idx ON agent_transformation_events (event_timestamp);
CREATE INDEX agent_transformation_events_target_agent_idx ON agent_transformation_events (target_agent, event_timestamp);

-- agents.evt.agent-performance-metric.v1
CREATE TABLE router_performance_metrics (
    event_id uuid PRIMARY KEY,
    correlation_id text,
    event_type text NOT NULL,
    source_node_id text,
    event_timestamp timestamptz NOT NULL,
    query_text text NOT NULL,
    routing_duration_ms double precision NOT NULL,
    cache_hit boolean NOT NULL,
    trigger_match_strategy text NOT NULL,
    confidence_components jsonb NOT NULL,
    candidates_evaluated bigint NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX router_performance_metrics_time_idx ON router_performance_metrics (event_timestamp);

-- agents.evt.agent-execution-log.v1
CREATE TABLE agent_execution_logs (
    event_id uuid PRIMARY KEY,
    correlation_id text,
    event_type text NOT NULL,
    source_node_id text,
    event_timestamp timestamptz NOT NULL,
    agent_name text NOT NULL,
    status text NOT NULL,
    message text NOT NULL,
    execution_id text,
    duration_ms double precision,
    error_message text,
    context jsonb,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX agent_execution_logs_time_idx ON agent_execution_logs (event_timestamp);
CREATE INDEX agent_execution_logs_agent_name_idx ON agent_execution_logs (agent_name, event_timestamp);

-- agents.evt.agent-quality-gate.v1
CREATE TABLE agent_quality_gates (
    event_id uuid PRIMARY KEY,
    correlation_id text,
    event_type text NOT NULL,
    source_node_id text,
    event_timestamp timestamptz NOT NULL,
    agent_name text NOT NULL,
    gate_id text NOT NULL,
    gate_name text NOT NULL,
    category text NOT NULL,
    status text NOT NULL,
    execution_time_ms double precision NOT NULL,
    performance_target_ms double precision NOT NULL,
    error_message text,
    context jsonb NOT NULL,
    recorded_at timestamptz NOT NULL,
    CHECK (status IN ('passed', 'failed', 'skipped'))
);
CREATE INDEX agent_quality_gates_time_idx ON agent_quality_gates (event_timestamp);
CREATE INDEX agent_quality_gates_agent_name_idx ON agent_quality_gates (agent_name, event_timestamp);

-- agents.evt.agent-function-compliance.v1
CREATE TABLE agent_function_compliance (
    event_id uuid PRIMARY KEY,
    correlation_id text,
    event_type text NOT NULL,
    source_node_id text,
    event_timestamp timestamptz NOT NULL,
    agent_name text NOT NULL,
    function_name text NOT NULL,
    status text NOT NULL,
    execution_time_ms double precision,
    error_message text,
    context jsonb,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX agent_function_compliance_time_idx ON agent_function_compliance (event_timestamp);
CREATE INDEX agent_function_compliance_agent_name_idx ON agent_function_compliance (agent_name, event_timestamp);

-- agents.evt.agent-coordination.v1
CREATE TABLE agent_coordination_events (
    event_id uuid PRIMARY KEY,
    correlation_id text,
    event_type text NOT NULL,
    source_node_id text,
    event_timestamp timestamptz NOT NULL,
    coordination_id text NOT NULL,
    coordinator_agent text NOT NULL,
    participating_agents jsonb NOT NULL,
    coordination_type text NOT NULL,
    status text NOT NULL,
    duration_ms double precision,
    context jsonb,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX agent_coordination_events_time_idx ON agent_coordination_events (event_timestamp);
CREATE INDEX agent_coordination_events_coordination_id_idx ON agent_coordination_events (coordination_id, event_timestamp);
