package io.onex.nodes.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.contract.NodeContract;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.testing.SharedKafka;
import io.onex.runtime.workflow.WorkflowEventFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator and its step nodes in a real runtime on the embedded broker; a plain consumer reads what they
 * publish.
 */
class NodeBridgeOrchestratorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OWN_CONTRACTS = Set.of("bridge_orchestrator", "stamp_input_validation",
            "blake3_hash_compute", "metadata_stamp_compute", "onextree_intelligence_effect",
            "metadata_stamp_publish_effect");

    // one runtime for the class, topics of 1 partition: the broker is shared with every IT of the JVM
    private static final String TENANT = "it_orch_" + UUID.randomUUID().toString().substring(0, 8);
    private static OnexRuntime runtime;

    @BeforeAll
    static void startRuntime() throws Exception {
        runtime = runtime(name -> true);
    }

    @AfterAll
    static void stopRuntime() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static OnexRuntime runtime(Predicate<String> contracts) throws Exception {
        return runtime(contracts, Map.of());
    }

    private static OnexRuntime runtime(Predicate<String> contracts, Map<String, String> more) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of("ONEX_TENANT", TENANT, "ONEX_CREATE_TOPICS", "true",
                "ONEX_TOPIC_PARTITIONS", "1", "BRIDGE_INTELLIGENCE_TIMEOUT", "5s",
                "BRIDGE_INTELLIGENCE_GROUP", "it-intelligence-" + UUID.randomUUID()));
        env.putAll(more);
        List<NodeContract> loaded = new ContractLoader(env).loadAll(Path.of("../contracts")).stream()
                .filter(c -> OWN_CONTRACTS.contains(c.name()) && contracts.test(c.name())).toList();
        return OnexRuntime.builder().contracts(loaded).environment(env)
                .bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start();
    }

    private static String topic(String ref) {
        return runtime.config().resolveTopic(ref);
    }

    @Test
    void aStampingRunPublishesAllNineOrchestratorEventTypesWithItsCorrelationId() throws Exception {
        String completedRun = UUID.randomUUID().toString();
        String failedRun = UUID.randomUUID().toString();
        StampResult stamped;
        StampResult failed;
        List<String> topics = BridgeTopics.ORCHESTRATOR_EVENTS.stream().map(NodeBridgeOrchestratorIT::topic).toList();
        try (IntelligenceResponder responder = new IntelligenceResponder(topic(BridgeTopics.INTELLIGENCE_REQUESTED),
                topic(BridgeTopics.INTELLIGENCE_RESPONSE))) {
            stamped = StampClient.of(runtime).stamp(StampRequest.ofText("notes/README.md", "docs", "# Notes\n")
                    .withIntelligence(true).withCorrelationId(completedRun)).toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        // a runtime missing the publishing step's node, and not calling the one other runtimes serve: the run fails
        // at publish_stamp
        try (OnexRuntime broken = runtime(name -> !name.equals("metadata_stamp_publish_effect"),
                Map.of("ONEX_REMOTE_CALLS", "false"))) {
            failed = StampClient.of(broken).stamp(StampRequest.ofText("a.txt", "docs", "a")
                    .withCorrelationId(failedRun)).toCompletableFuture().get(60, TimeUnit.SECONDS);
        }

        assertThat(stamped.state()).isEqualTo("completed");
        assertThat(stamped.intelligenceStatus()).isEqualTo("received");
        assertThat(stamped.intelligence()).containsEntry("summary", "intelligence for notes/README.md")
                .containsEntry("file_hash", stamped.fileHash());
        assertThat(failed.state()).isEqualTo("failed");
        assertThat(failed.error()).contains("metadata_stamp_publish_effect");

        List<ConsumerRecord<byte[], byte[]>> records = readUntil(topics, Set.of(completedRun, failedRun), 13 + 10);
        List<JsonNode> run = new ArrayList<>();
        List<String> typesSeen = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode e = JSON.readTree(r.value());
            String type = e.get("event_type").asText();
            assertThat(r.topic()).as(type).isEqualTo(topic(OrchestratorEventTopics.TOPIC_OF_TYPE.get(type)));
            typesSeen.add(type);
            if (e.get("correlation_id").asText().equals(completedRun)) {
                run.add(e);
            }
        }
        assertThat(Set.copyOf(typesSeen)).containsExactlyInAnyOrderElementsOf(OrchestratorEventTopics.TOPIC_OF_TYPE.keySet());
        assertThat(run).extracting(e -> e.get("event_type").asText()).containsExactlyInAnyOrder(
                WorkflowEventFields.STAMP_WORKFLOW_STARTED, WorkflowEventFields.WORKFLOW_STATE_TRANSITION,
                StampEventFields.HASH_GENERATED, StampEventFields.INTELLIGENCE_REQUESTED,
                StampEventFields.INTELLIGENCE_RECEIVED, StampEventFields.STAMP_CREATED,
                WorkflowEventFields.WORKFLOW_STEP_COMPLETED, WorkflowEventFields.WORKFLOW_STEP_COMPLETED,
                WorkflowEventFields.WORKFLOW_STEP_COMPLETED, WorkflowEventFields.WORKFLOW_STEP_COMPLETED,
                WorkflowEventFields.WORKFLOW_STEP_COMPLETED, WorkflowEventFields.STAMP_WORKFLOW_COMPLETED,
                WorkflowEventFields.WORKFLOW_STATE_TRANSITION);
        assertThat(run).allSatisfy(e -> assertThat(e.at("/payload/workflow_id").asText()).isEqualTo(stamped.workflowId()));
        JsonNode created = only(run, StampEventFields.STAMP_CREATED);
        assertThat(created.at("/payload/stamp_id").asText()).isEqualTo(stamped.stampId());
        assertThat(created.at("/payload/file_hash").asText()).isEqualTo(stamped.fileHash()).hasSize(64);
        assertThat(created.at("/payload/file_size_bytes").asLong()).isEqualTo(8);
        assertThat(created.at("/payload/content_type").asText()).isEqualTo("text/markdown");
        assertThat(created.at("/payload/file_type").asText()).isEqualTo("md");
        assertThat(created.at("/payload/intelligence/summary").asText()).isEqualTo("intelligence for notes/README.md");
        assertThat(only(run, StampEventFields.INTELLIGENCE_RECEIVED).at("/payload/intelligence_status").asText())
                .isEqualTo("received");
        assertThat(only(run, StampEventFields.HASH_GENERATED).at("/payload/file_hash").asText())
                .isEqualTo(stamped.fileHash());
        assertThat(only(run, WorkflowEventFields.STAMP_WORKFLOW_COMPLETED).at("/source/node_type").asText())
                .isEqualTo("orchestrator");
    }

    @Test
    void withoutAnIntelligenceServiceTheRunTimesOutTheRequestAndStillStamps() throws Exception {
        String correlationId = UUID.randomUUID().toString();
        List<String> topics = List.of(topic(BridgeTopics.METADATA_STAMP_CREATED), topic(BridgeTopics.INTELLIGENCE_RECEIVED));

        StampResult r = StampClient.of(runtime).stamp(StampRequest.ofText("a.json", "docs", "{}").withIntelligence(true)
                .withCorrelationId(correlationId)).toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(r.state()).isEqualTo("completed");
        assertThat(r.intelligenceStatus()).isEqualTo("timed_out");
        assertThat(r.contentType()).isEqualTo("application/json");
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> rec : readUntil(topics, Set.of(correlationId), 2)) {
            events.add(JSON.readTree(rec.value()));
        }
        assertThat(only(events, StampEventFields.STAMP_CREATED).at("/payload/intelligence_status").asText())
                .isEqualTo("timed_out");
        assertThat(only(events, StampEventFields.INTELLIGENCE_RECEIVED).at("/payload/intelligence_status").asText())
                .isEqualTo("timed_out");
    }

    @Test
    void stampsEveryShippedContractAndWorkflowConcurrentlyAndOnceMorePerCorrelationId() throws Exception {
        List<Path> files;
        try (Stream<Path> contracts = Files.list(Path.of("../contracts")); Stream<Path> workflows = Files.list(
                Path.of("../workflows"))) {
            files = Stream.concat(contracts, workflows).filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, StampResult> byFile = new HashMap<>();
        StampClient client = StampClient.of(runtime);

        List<CompletableFuture<StampResult>> calls = files.stream()
                .map(f -> client.stampFile(f, "shipped").toCompletableFuture()).toList();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < files.size(); i++) {
            byFile.put(files.get(i).toString(), calls.get(i).join());
        }

        assertThat(byFile.values()).allSatisfy(r -> assertThat(r.state()).isEqualTo("completed"));
        StampResult first = byFile.values().iterator().next();
        StampResult again = client.stamp(StampRequest.ofText("x.txt", "shipped", "other")
                .withCorrelationId(first.correlationId())).toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(again).as("same correlation id: the first run's stamp").isEqualTo(first);
        assertThat(byFile.values().stream().map(StampResult::stampId).distinct()).hasSize(files.size());
        for (Map.Entry<String, StampResult> e : byFile.entrySet()) {
            assertThat(e.getValue().fileSizeBytes()).isEqualTo(Files.size(Path.of(e.getKey())));
        }
        Set<String> correlationIds = Set.copyOf(byFile.values().stream().map(StampResult::correlationId).toList());
        assertThat(readUntil(List.of(topic(BridgeTopics.METADATA_STAMP_CREATED)), correlationIds, files.size())).as("one stamp per file, none for the repeat")
                .hasSize(files.size());
    }

    private static JsonNode only(List<JsonNode> events, String type) {
        List<JsonNode> of = events.stream().filter(e -> e.get("event_type").asText().equals(type)).toList();
        assertThat(of).as(type).hasSize(1);
        return of.get(0);
    }

    /** Reads the topics from the start until {@code count} records of the correlation ids arrived, then 1 s more. */
    private static List<ConsumerRecord<byte[], byte[]>> readUntil(List<String> topics, Set<String> correlationIds,
            int count) {
        List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-orch-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(topics);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (correlationIds.contains(JSON.readTree(r.value()).path("correlation_id").asText())) {
                        seen.add(r);
                    }
                }
                return seen.size() >= count;
            });
            // anything more (a duplicate stamp) would arrive with the rest: one more poll round catches it
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> {
                try {
                    if (correlationIds.contains(JSON.readTree(r.value()).path("correlation_id").asText())) {
                        seen.add(r);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return seen;
    }
}
