package io.onex.nodes.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.testing.SharedKafka;
import io.onex.runtime.RuntimeWorkflows;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowEventFields;
import io.onex.runtime.workflow.WorkflowListener;
import io.onex.runtime.workflow.WorkflowLoader;
import io.onex.runtime.workflow.WorkflowResult;
import io.onex.runtime.workflow.WorkflowRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code workflows/document_ingestion.yaml} end to end on the embedded broker: the compute step runs in process, the
 * effect step publishes through kafka_event_effect's pipeline, and a plain consumer reads both the published
 * DOCUMENT_INGESTED event and the workflow events, all carrying the run's correlation id.
 */
class DocumentIngestionWorkflowIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void documentIngestionPublishesItsEventAndTheWorkflowEvents() throws Exception {
        String tenant = "it_wf_" + UUID.randomUUID().toString().substring(0, 8);
        String correlationId = UUID.randomUUID().toString();
        List<io.onex.api.contract.NodeContract> contracts = new ContractLoader(Map.of()).loadAll(Path.of("../contracts"));
        WorkflowDefinition wf = WorkflowLoader.forContracts(contracts).load(Path.of("../workflows/document_ingestion.yaml"));
        List<String> topics = new ArrayList<>();
        WorkflowResult result;
        try (OnexRuntime runtime = OnexRuntime.builder().contracts(contracts)
                .environment(Map.of("ONEX_TENANT", tenant, "ONEX_CREATE_TOPICS", "true"))
                .bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start();
                RuntimeWorkflows workflows = RuntimeWorkflows.open(runtime)) {
            workflows.prepare(wf);
            WorkflowRun run = workflows.engine().start(wf, Map.of("document_id", "doc-it-1",
                    "text", "Alice met Bob in Paris. Then Bob met Carol."), correlationId, WorkflowListener.NONE);
            result = run.result().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(WorkflowResult.Status.COMPLETED);
            for (String t : BridgeTopics.ORCHESTRATOR_EVENTS) {
                topics.add(runtime.config().resolveTopic(t));
            }
            topics.add("enrichment.completed.v1");
        }
        assertThat(result.outputs()).containsEntry("entities_count", 3L).containsEntry("relationships_count", 2L);

        List<JsonNode> seen = readUntil(topics, correlationId, 7);

        JsonNode ingested = only(seen, "DOCUMENT_INGESTED");
        assertThat(ingested.at("/payload/document_id").asText()).isEqualTo("doc-it-1");
        assertThat(ingested.at("/payload/entities_count").asInt()).isEqualTo(3);
        assertThat(ingested.at("/payload/relationships_count").asInt()).isEqualTo(2);
        assertThat(ingested.at("/payload/source").asText()).isEqualTo("ingest:doc-it-1");

        assertThat(seen).extracting(e -> e.get("event_type").asText()).containsExactlyInAnyOrder("DOCUMENT_INGESTED",
                WorkflowEventFields.STAMP_WORKFLOW_STARTED, WorkflowEventFields.WORKFLOW_STATE_TRANSITION,
                WorkflowEventFields.WORKFLOW_STEP_COMPLETED, WorkflowEventFields.WORKFLOW_STEP_COMPLETED,
                WorkflowEventFields.STAMP_WORKFLOW_COMPLETED, WorkflowEventFields.WORKFLOW_STATE_TRANSITION);
        JsonNode completed = only(seen, WorkflowEventFields.STAMP_WORKFLOW_COMPLETED);
        assertThat(completed.at("/payload/" + WorkflowEventFields.WORKFLOW_ID).asText()).isEqualTo(result.workflowId());
        assertThat(completed.at("/payload/" + WorkflowEventFields.WORKFLOW_STATE).asText()).isEqualTo("completed");
        assertThat(completed.at("/payload/" + WorkflowEventFields.DURATION_MS).isNumber()).isTrue();
        assertThat(completed.at("/source/node_type").asText()).isEqualTo("orchestrator");
        assertThat(seen).filteredOn(e -> e.get("event_type").asText().equals(WorkflowEventFields.WORKFLOW_STEP_COMPLETED))
                .extracting(e -> e.at("/payload/step_name").asText())
                .containsExactlyInAnyOrder("extraction_result", "publish_completion_event");
    }

    private static JsonNode only(List<JsonNode> events, String type) {
        List<JsonNode> of = events.stream().filter(e -> e.get("event_type").asText().equals(type)).toList();
        assertThat(of).as(type).hasSize(1);
        return of.get(0);
    }

    /** Reads the topics from the start with a plain consumer until {@code count} events of the run have arrived. */
    private static List<JsonNode> readUntil(List<String> topics, String correlationId, int count) {
        List<JsonNode> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-wf-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(topics);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode e = JSON.readTree(r.value());
                    if (correlationId.equals(e.path("correlation_id").asText())) {
                        seen.add(e);
                    }
                }
                return seen.size() >= count;
            });
        }
        return seen;
    }
}
