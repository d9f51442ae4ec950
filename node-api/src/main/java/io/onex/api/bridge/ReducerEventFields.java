package io.onex.api.bridge;

/**
 * The reducer's events: aggregation windows, their batches, the persisted state and the reducer's FSM. The reducer
 * writes them; the database adapter reads them with these same constants.
 *
 * <pre>{@code
 * // aggregation-completed / state-persisted payload
 * {"aggregation_id": "...", "aggregation_type": "namespace_grouping", "namespace": "docs",
 *  "window_close_reason": "count", "items_processed": 100, "duration_ms": 12,
 *  "total_stamps": 100, "total_size_bytes": 123456, "file_types": ["md", "yaml"],
 *  "workflow_ids": ["...", "..."], "workflow_ids_total": 100}
 * }</pre>
 */
public final class ReducerEventFields {
    private ReducerEventFields() {
    }

    // event types
    public static final String AGGREGATION_STARTED = "AGGREGATION_STARTED";
    public static final String BATCH_PROCESSED = "BATCH_PROCESSED";
    public static final String STATE_PERSISTED = "STATE_PERSISTED";
    public static final String AGGREGATION_COMPLETED = "AGGREGATION_COMPLETED";
    public static final String AGGREGATION_FAILED = "AGGREGATION_FAILED";
    public static final String FSM_STATE_INITIALIZED = "FSM_STATE_INITIALIZED";
    public static final String FSM_STATE_TRANSITIONED = "FSM_STATE_TRANSITIONED";

    // payload fields
    /** One window's id (UUID). */
    public static final String AGGREGATION_ID = "aggregation_id";
    /** {@code namespace_grouping} today. */
    public static final String AGGREGATION_TYPE = "aggregation_type";
    /** The namespace the window aggregates; {@code bridge_states.namespace}. */
    public static final String NAMESPACE = "namespace";
    /** The reducer instance's state row: {@code bridge_states.bridge_id}. */
    public static final String BRIDGE_ID = "bridge_id";
    /** {@code count} or {@code time}: what closed the window. */
    public static final String WINDOW_CLOSE_REASON = "window_close_reason";
    /** Events folded into this window (or batch). */
    public static final String ITEMS_PROCESSED = "items_processed";
    /**
     * In the envelope's {@code metadata}, not the payload: the window's item count, as the Python services' AggregationEvent
     * carries it ({@code metadata.batch_size}), on batch-processed and aggregation-completed.
     */
    public static final String METADATA_BATCH_SIZE = "batch_size";
    public static final String DURATION_MS = "duration_ms";
    /** Stamps in the window: added to {@code bridge_states.total_items_aggregated}. */
    public static final String TOTAL_STAMPS = "total_stamps";
    /** Bytes stamped in the window: added to {@code bridge_states.total_size_bytes}. */
    public static final String TOTAL_SIZE_BYTES = "total_size_bytes";
    /** Workflows completed or failed in the window: added to {@code bridge_states.total_workflows_processed}. */
    public static final String TOTAL_WORKFLOWS = "total_workflows";
    /** Of {@link #TOTAL_WORKFLOWS}, those that completed (stamp-workflow-completed events). */
    public static final String WORKFLOWS_COMPLETED = "workflows_completed";
    /** Of {@link #TOTAL_WORKFLOWS}, those that failed (stamp-workflow-failed events). */
    public static final String WORKFLOWS_FAILED = "workflows_failed";
    /** Distinct file types seen in the window (list of strings). */
    public static final String FILE_TYPES = "file_types";
    /** A bounded sample of the distinct workflow ids seen in the window (list of strings). */
    public static final String WORKFLOW_IDS = "workflow_ids";
    /** How many distinct workflow ids the window saw (the sample may hold fewer). */
    public static final String WORKFLOW_IDS_TOTAL = "workflow_ids_total";
    /** The whole state the window ended in (state-persisted), as a JSON object. */
    public static final String STATE_SNAPSHOT = "state_snapshot";
    public static final String ERROR_MESSAGE = "error_message";
    public static final String ERROR_TYPE = "error_type";
    /** The FSM's entity (fsm-state-*): {@code fsm_transitions.entity_id}. */
    public static final String ENTITY_ID = "entity_id";
    /** {@code aggregation} or {@code workflow}: {@code fsm_transitions.entity_type}. */
    public static final String ENTITY_TYPE = "entity_type";
    public static final String FROM_STATE = "from_state";
    public static final String TO_STATE = "to_state";
    /** What caused the transition, e.g. {@code window_opened}, {@code window_closed}. */
    public static final String TRANSITION_EVENT = "transition_event";

    public static final String AGGREGATION_TYPE_NAMESPACE = "namespace_grouping";
    /** {@link #ENTITY_TYPE} of the reducer's per-window FSM. */
    public static final String ENTITY_TYPE_AGGREGATION = "aggregation";
    public static final String CLOSE_REASON_COUNT = "count";
    public static final String CLOSE_REASON_TIME = "time";
}
