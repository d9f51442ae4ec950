package io.onex.api.topic;

import java.util.List;

/**
 * The bridge topics, as ONEX references (resolve them with {@link TopicName#resolve}). Producers and consumers of
 * this project both use these constants: there is no second spelling anywhere.
 */
public final class BridgeTopics {
    private BridgeTopics() {
    }

    // orchestrator events (9)
    public static final String STAMP_WORKFLOW_STARTED = "onex.evt.stamp-workflow-started.v1";
    public static final String STAMP_WORKFLOW_COMPLETED = "onex.evt.stamp-workflow-completed.v1";
    public static final String STAMP_WORKFLOW_FAILED = "onex.evt.stamp-workflow-failed.v1";
    public static final String WORKFLOW_STEP_COMPLETED = "onex.evt.workflow-step-completed.v1";
    public static final String INTELLIGENCE_REQUESTED = "onex.evt.onextree-intelligence-requested.v1";
    public static final String INTELLIGENCE_RECEIVED = "onex.evt.onextree-intelligence-received.v1";
    public static final String METADATA_STAMP_CREATED = "onex.evt.metadata-stamp-created.v1";
    public static final String BLAKE3_HASH_GENERATED = "onex.evt.blake3-hash-generated.v1";
    public static final String WORKFLOW_STATE_TRANSITION = "onex.evt.workflow-state-transition.v1";

    /**
     * Where an intelligence service answers {@link #INTELLIGENCE_REQUESTED}: a payload with the request's
     * {@code request_id} and its {@code intelligence} object. Not one of the 9 orchestrator events (the orchestrator
     * consumes it).
     */
    public static final String INTELLIGENCE_RESPONSE = "onex.qrs.onextree-intelligence-response.v1";

    // reducer events (7)
    public static final String AGGREGATION_STARTED = "onex.evt.aggregation-started.v1";
    public static final String BATCH_PROCESSED = "onex.evt.batch-processed.v1";
    public static final String STATE_PERSISTED = "onex.evt.state-persisted.v1";
    public static final String AGGREGATION_COMPLETED = "onex.evt.aggregation-completed.v1";
    public static final String AGGREGATION_FAILED = "onex.evt.aggregation-failed.v1";
    public static final String FSM_STATE_INITIALIZED = "onex.evt.fsm-state-initialized.v1";
    public static final String FSM_STATE_TRANSITIONED = "onex.evt.fsm-state-transitioned.v1";

    // registry and introspection (3)
    public static final String NODE_INTROSPECTION = "onex.evt.node-introspection.v1";
    public static final String REGISTRY_REQUEST_INTROSPECTION = "onex.evt.registry-request-introspection.v1";
    public static final String NODE_HEARTBEAT = "onex.evt.node-heartbeat.v1";

    /** The 9 orchestrator event topics. */
    public static final List<String> ORCHESTRATOR_EVENTS = List.of(STAMP_WORKFLOW_STARTED, STAMP_WORKFLOW_COMPLETED,
            STAMP_WORKFLOW_FAILED, WORKFLOW_STEP_COMPLETED, INTELLIGENCE_REQUESTED, INTELLIGENCE_RECEIVED,
            METADATA_STAMP_CREATED, BLAKE3_HASH_GENERATED, WORKFLOW_STATE_TRANSITION);

    /** The 7 reducer event topics. */
    public static final List<String> REDUCER_EVENTS = List.of(AGGREGATION_STARTED, BATCH_PROCESSED, STATE_PERSISTED,
            AGGREGATION_COMPLETED, AGGREGATION_FAILED, FSM_STATE_INITIALIZED, FSM_STATE_TRANSITIONED);

    /** The 3 registry and introspection topics. */
    public static final List<String> REGISTRY_EVENTS = List.of(NODE_INTROSPECTION, REGISTRY_REQUEST_INTROSPECTION,
            NODE_HEARTBEAT);
}
