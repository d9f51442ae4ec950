-- SQLite form of ../postgresql/V1__bridge_tables.sql (the embedded database): the same tables, keys and
-- constraints; uuid, jsonb and timestamptz are stored as text (timestamps as fixed-width UTC ISO-8601, which sort
-- like the instants they name).

-- The database adapter's tables (WIRE.md, "PostgreSQL tables"). Every write is idempotent by event id:
-- insert-only tables use a key derived from the event id (ON CONFLICT DO NOTHING); upserts are written so that
-- applying an event again, or out of order, leaves the same row; the one write that adds (bridge_states counters)
-- goes through event_ledger first, in the same transaction.

CREATE TABLE workflow_executions (
    id                text PRIMARY KEY,               -- the workflow events' workflow_id
    correlation_id    text UNIQUE,                    -- the run's correlation id
    workflow_type     text,                           -- null on a placeholder (a step or stamp arrived first)
    current_state     text NOT NULL,                  -- pending (placeholder), processing, completed, failed, cancelled
    namespace         text,
    started_at        text,
    completed_at      text,
    execution_time_ms integer,
    error_message     text,
    metadata          text,                          -- the started event's payload
    created_at        text NOT NULL,
    updated_at        text NOT NULL
);

CREATE TABLE workflow_steps (
    id                text PRIMARY KEY,               -- derived from the event id
    workflow_id       text NOT NULL REFERENCES workflow_executions (id),
    step_name         text NOT NULL,
    step_order        integer,
    status            text NOT NULL,
    execution_time_ms integer,
    step_data         text,
    error_message     text,
    created_at        text NOT NULL
);
CREATE INDEX workflow_steps_workflow_id ON workflow_steps (workflow_id);

CREATE TABLE fsm_transitions (
    id               text PRIMARY KEY,                -- derived from the event id
    entity_id        text NOT NULL,
    entity_type      text NOT NULL,                   -- workflow or aggregation
    from_state       text,
    to_state         text NOT NULL,
    transition_event text,
    transition_data  text,
    created_at       text NOT NULL
);
CREATE INDEX fsm_transitions_entity ON fsm_transitions (entity_id);

CREATE TABLE bridge_states (
    bridge_id                  text PRIMARY KEY,
    namespace                  text,
    total_workflows_processed  integer NOT NULL,
    total_items_aggregated     integer NOT NULL,
    total_size_bytes           integer NOT NULL,
    aggregation_metadata       text,
    current_fsm_state          text,
    last_aggregation_timestamp text,
    version                    integer NOT NULL,       -- aggregations applied
    updated_at                 text NOT NULL
);

CREATE TABLE metadata_stamps (
    id          text PRIMARY KEY,                     -- the payload's stamp_id (else derived from the event id)
    workflow_id text REFERENCES workflow_executions (id),
    file_hash   text NOT NULL,
    stamp_data  text,
    namespace   text,
    created_at  text NOT NULL
);
CREATE INDEX metadata_stamps_file_hash ON metadata_stamps (file_hash);

CREATE TABLE node_registrations (
    node_id               text PRIMARY KEY,
    node_type             text,
    node_version          text,
    capabilities          text,
    endpoints             text,
    metadata              text,
    health_status         text,
    last_heartbeat        text,
    last_introspection_at text,
    registered_at         text,
    updated_at            text NOT NULL
);

-- Events whose write is not idempotent by itself (counters) or that have no table of their own: one row per
-- event id, inserted in the same transaction as the event's write; a redelivered event finds its row and is skipped.
CREATE TABLE event_ledger (
    event_id        text PRIMARY KEY,
    event_type      text NOT NULL,
    correlation_id  text,
    event_timestamp text NOT NULL,
    payload         text,                            -- kept for events without a table of their own
    applied_at      text NOT NULL
);
