package io.onex.nodes.orchestrator;

import io.onex.api.bridge.StampEventFields;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.util.Map;

/** What the orchestrator's tests expect: each event type of a stamping run and the topic it is published on. */
final class OrchestratorEventTopics {

    /** The 9 event types of a stamping run (intelligence included), each with its topic (ONEX reference). */
    static final Map<String, String> TOPIC_OF_TYPE = Map.of(
            WorkflowEventFields.STAMP_WORKFLOW_STARTED, BridgeTopics.STAMP_WORKFLOW_STARTED,
            WorkflowEventFields.STAMP_WORKFLOW_COMPLETED, BridgeTopics.STAMP_WORKFLOW_COMPLETED,
            WorkflowEventFields.STAMP_WORKFLOW_FAILED, BridgeTopics.STAMP_WORKFLOW_FAILED,
            WorkflowEventFields.WORKFLOW_STEP_COMPLETED, BridgeTopics.WORKFLOW_STEP_COMPLETED,
            WorkflowEventFields.WORKFLOW_STATE_TRANSITION, BridgeTopics.WORKFLOW_STATE_TRANSITION,
            StampEventFields.HASH_GENERATED, BridgeTopics.BLAKE3_HASH_GENERATED,
            StampEventFields.STAMP_CREATED, BridgeTopics.METADATA_STAMP_CREATED,
            StampEventFields.INTELLIGENCE_REQUESTED, BridgeTopics.INTELLIGENCE_REQUESTED,
            StampEventFields.INTELLIGENCE_RECEIVED, BridgeTopics.INTELLIGENCE_RECEIVED);

    private OrchestratorEventTopics() {
    }
}
