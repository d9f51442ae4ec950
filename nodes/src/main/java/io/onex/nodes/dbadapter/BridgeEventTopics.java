package io.onex.nodes.dbadapter;

import io.onex.api.bridge.ReducerEventFields;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.workflow.WorkflowEventFields;

/** Which bridge topic (ONEX reference) each event type the adapter persists is published on. */
final class BridgeEventTopics {

    private BridgeEventTopics() {
    }

    /** The topic (ONEX reference) each producer writes an event type to. */
    static String topicOf(String eventType) {
        return switch (eventType) {
            case WorkflowEventFields.STAMP_WORKFLOW_STARTED -> BridgeTopics.STAMP_WORKFLOW_STARTED;
            case WorkflowEventFields.STAMP_WORKFLOW_COMPLETED -> BridgeTopics.STAMP_WORKFLOW_COMPLETED;
            case WorkflowEventFields.STAMP_WORKFLOW_FAILED -> BridgeTopics.STAMP_WORKFLOW_FAILED;
            case WorkflowEventFields.WORKFLOW_STEP_COMPLETED -> BridgeTopics.WORKFLOW_STEP_COMPLETED;
            case WorkflowEventFields.WORKFLOW_STATE_TRANSITION -> BridgeTopics.WORKFLOW_STATE_TRANSITION;
            case StampEventFields.STAMP_CREATED -> BridgeTopics.METADATA_STAMP_CREATED;
            case StampEventFields.HASH_GENERATED -> BridgeTopics.BLAKE3_HASH_GENERATED;
            case StampEventFields.INTELLIGENCE_REQUESTED -> BridgeTopics.INTELLIGENCE_REQUESTED;
            case StampEventFields.INTELLIGENCE_RECEIVED -> BridgeTopics.INTELLIGENCE_RECEIVED;
            case ReducerEventFields.AGGREGATION_STARTED -> BridgeTopics.AGGREGATION_STARTED;
            case ReducerEventFields.BATCH_PROCESSED -> BridgeTopics.BATCH_PROCESSED;
            case ReducerEventFields.STATE_PERSISTED -> BridgeTopics.STATE_PERSISTED;
            case ReducerEventFields.AGGREGATION_COMPLETED -> BridgeTopics.AGGREGATION_COMPLETED;
            case ReducerEventFields.AGGREGATION_FAILED -> BridgeTopics.AGGREGATION_FAILED;
            case ReducerEventFields.FSM_STATE_INITIALIZED -> BridgeTopics.FSM_STATE_INITIALIZED;
            case ReducerEventFields.FSM_STATE_TRANSITIONED -> BridgeTopics.FSM_STATE_TRANSITIONED;
            case EventTypes.NODE_INTROSPECTION -> BridgeTopics.NODE_INTROSPECTION;
            case EventTypes.NODE_HEARTBEAT -> BridgeTopics.NODE_HEARTBEAT;
            default -> throw new IllegalArgumentException("no topic for " + eventType);
        };
    }

}
