package io.onex.nodes.dbadapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.bridge.BridgeEventTypes;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one table of event types per topic agrees with the producers' constants and covers every bridge topic. */
class BridgeEventTypesTableTest {

    @Test
    void everyBridgeTopicHasOneRowInWiresOrder() {
        List<String> topics = new ArrayList<>(BridgeTopics.ORCHESTRATOR_EVENTS);
        topics.addAll(BridgeTopics.REDUCER_EVENTS);
        topics.addAll(List.of(BridgeTopics.NODE_INTROSPECTION, BridgeTopics.NODE_HEARTBEAT,
                BridgeTopics.REGISTRY_REQUEST_INTROSPECTION));

        assertThat(BridgeEventTypes.ROWS).extracting(BridgeEventTypes.Row::topic).containsExactlyElementsOf(topics);
    }

    @Test
    void theWorkflowEnginesSpellingsAreTheTablesWrittenOnes() {
        assertThat(List.of(WorkflowEventFields.STAMP_WORKFLOW_STARTED, WorkflowEventFields.STAMP_WORKFLOW_COMPLETED,
                WorkflowEventFields.STAMP_WORKFLOW_FAILED, WorkflowEventFields.WORKFLOW_STEP_COMPLETED,
                WorkflowEventFields.WORKFLOW_STATE_TRANSITION)).containsExactly(
                BridgeEventTypes.STAMP_WORKFLOW_STARTED, BridgeEventTypes.STAMP_WORKFLOW_COMPLETED,
                BridgeEventTypes.STAMP_WORKFLOW_FAILED, BridgeEventTypes.WORKFLOW_STEP_COMPLETED,
                BridgeEventTypes.WORKFLOW_STATE_TRANSITION);
    }

    @Test
    void aSpellingIsReadByItsTopicFirstIgnoringCase() {
        String started = "dev.omninode_bridge." + BridgeTopics.STAMP_WORKFLOW_STARTED;

        assertThat(BridgeEventTypes.written(started, "WORKFLOW_STARTED")).contains("STAMP_WORKFLOW_STARTED");
        assertThat(BridgeEventTypes.written(started, "workflow_started")).contains("STAMP_WORKFLOW_STARTED");
        assertThat(BridgeEventTypes.written(started, "STAMP_WORKFLOW_STARTED")).contains("STAMP_WORKFLOW_STARTED");
        assertThat(BridgeEventTypes.written(started, "WORKFLOW_COMPLETED")).isEmpty();
        assertThat(BridgeEventTypes.written("dev.omninode_bridge." + BridgeTopics.AGGREGATION_COMPLETED,
                "aggregation_completed")).contains("AGGREGATION_COMPLETED");
        // no topic (a direct call) or one outside the table: the spelling alone decides
        assertThat(BridgeEventTypes.written(null, "HASH_GENERATED")).contains("BLAKE3_HASH_GENERATED");
        assertThat(BridgeEventTypes.written("legacy_topic_v1", "STAMP_CREATED")).contains("METADATA_STAMP_CREATED");
        assertThat(BridgeEventTypes.written(null, "SOMETHING_ELSE")).isEmpty();
    }

    @Test
    void theWireFormatPagesTableIsTheTableInCode() throws Exception {
        StringBuilder table = new StringBuilder("| topic (after `{env}.{tenant}.`) | we write | also accepted (any case) |\n"
                + "| --- | --- | --- |\n");
        for (BridgeEventTypes.Row r : BridgeEventTypes.ROWS) {
            table.append("| `").append(r.topic()).append("` | `").append(r.written()).append("` | ")
                    .append(r.alsoAccepted().isEmpty() ? "\u2014" : String.join(", ",
                            r.alsoAccepted().stream().map(a -> "`" + a + "`").toList()))
                    .append(" |\n");
        }

        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("../docs/wire-format.md")))
                .contains("## Event types per topic, and the Python services' spellings").contains(table);
    }
}
