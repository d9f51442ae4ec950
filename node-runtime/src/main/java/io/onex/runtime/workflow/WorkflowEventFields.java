package io.onex.runtime.workflow;

/**
 * The names of the workflow events' {@code event_type}s and {@code payload} fields, as WIRE.md puts them: the
 * workflow engine writes them, and consumers (the orchestrator, the database adapter) read them with these same
 * constants. Topics are {@link io.onex.api.topic.BridgeTopics}' orchestrator topics.
 */
public final class WorkflowEventFields {
    private WorkflowEventFields() {
    }

    // event types
    public static final String STAMP_WORKFLOW_STARTED = "STAMP_WORKFLOW_STARTED";
    public static final String STAMP_WORKFLOW_COMPLETED = "STAMP_WORKFLOW_COMPLETED";
    public static final String STAMP_WORKFLOW_FAILED = "STAMP_WORKFLOW_FAILED";
    public static final String WORKFLOW_STEP_COMPLETED = "WORKFLOW_STEP_COMPLETED";
    public static final String WORKFLOW_STATE_TRANSITION = "WORKFLOW_STATE_TRANSITION";

    // payload fields
    /** The run's id (UUID); the correlation id of every event of the run is the run's correlation id. */
    public static final String WORKFLOW_ID = "workflow_id";
    /** The workflow's name: {@code workflow_executions.workflow_type}. */
    public static final String WORKFLOW_TYPE = "workflow_type";
    public static final String WORKFLOW_VERSION = "workflow_version";
    /** {@code processing}, {@code completed}, {@code failed} or {@code cancelled}. */
    public static final String WORKFLOW_STATE = "workflow_state";
    public static final String DURATION_MS = "duration_ms";
    /**
     * The run's namespace, on every event of a run whose runner tags it (the bridge orchestrator does; a plain
     * {@code onex run} does not): consumers that group by namespace need not wait for the run's stamp.
     */
    public static final String NAMESPACE = "namespace";
    public static final String ERROR_MESSAGE = "error_message";
    public static final String ERROR_TYPE = "error_type";
    public static final String FAILED_STEP = "failed_step";
    public static final String STEP_NAME = "step_name";
    /** 0-based position of the step in the file (nested steps after their parallel parent). */
    public static final String STEP_ORDER = "step_order";
    public static final String STEP_TYPE = "step_type";
    /** {@code completed}, {@code failed}, {@code skipped} or {@code cancelled}. */
    public static final String STEP_STATUS = "step_status";
    public static final String NODE_NAME = "node_name";
    /**
     * The steps a finished step waited for (its {@code depends_on}), on every step event: with {@link #PARENT_STEP}
     * a reader draws the run's graph from its events alone (the dashboard does). Extra fields, which readers that do
     * not know them ignore.
     */
    public static final String DEPENDS_ON = "depends_on";
    /** The parallel step a nested step belongs to; absent for top-level steps. */
    public static final String PARENT_STEP = "parent_step";
    public static final String STEP_COUNT = "step_count";
    public static final String STEPS_COMPLETED = "steps_completed";
    public static final String STEPS_FAILED = "steps_failed";
    public static final String STEPS_SKIPPED = "steps_skipped";
    public static final String FROM_STATE = "from_state";
    public static final String TO_STATE = "to_state";
    /** What caused a transition: {@code start}, {@code complete}, {@code fail}, {@code cancel}. */
    public static final String TRANSITION_EVENT = "transition_event";

    // states
    public static final String STATE_PENDING = "pending";
    public static final String STATE_PROCESSING = "processing";
    public static final String STATE_COMPLETED = "completed";
    public static final String STATE_FAILED = "failed";
    public static final String STATE_CANCELLED = "cancelled";
}
