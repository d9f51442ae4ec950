package io.onex.nodes.dbadapter;

/** The adapter's operations (the Python node's names), one per kind of bridge event it persists. */
public enum BridgeOperation {
    /** Insert on workflow started, update on completed/failed: {@code workflow_executions}. */
    PERSIST_WORKFLOW_EXECUTION,
    /** A step of a workflow (engine steps, hash, intelligence): {@code workflow_steps}. */
    PERSIST_WORKFLOW_STEP,
    /** A completed aggregation's counters, added: {@code bridge_states}. */
    UPSERT_BRIDGE_STATE,
    /** A workflow or reducer FSM transition: {@code fsm_transitions}. */
    PERSIST_FSM_TRANSITION,
    /** A metadata stamp: {@code metadata_stamps}. */
    PERSIST_METADATA_STAMP,
    /** A node's introspection or heartbeat: {@code node_registrations}. */
    UPDATE_NODE_REGISTRATION,
    /** An event with no table of its own, kept in {@code event_ledger} with its payload. */
    RECORD_EVENT
}
