package io.onex.nodes.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.contract.NodeContract;
import io.onex.api.topic.BridgeTopics;
import io.onex.nodes.faults.TopicReadBack;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.testing.SharedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator's run log on the embedded broker: a runtime stamps, stops, and a new runtime (same
 * {@code ONEX_INSTANCE_ID}) answers the same correlation ids from the log, and finishes the runs the log shows
 * unfinished by this instance.
 */
class OrchestratorRunLogIT {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final Set<String> OWN_CONTRACTS = Set.of("bridge_orchestrator", "stamp_input_validation",
            "blake3_hash_compute", "metadata_stamp_compute", "onextree_intelligence_effect",
            "metadata_stamp_publish_effect");
    private static final String INSTANCE = "run-log-it";

    private final String tenant = "it_runlog_" + UUID.randomUUID().toString().substring(0, 8);
    private final RuntimeConfig config = RuntimeConfig.fromEnvironment(Map.of("ONEX_TENANT", tenant));

    private OnexRuntime runtime() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("ONEX_TENANT", tenant, "ONEX_CREATE_TOPICS", "true",
                "ONEX_TOPIC_PARTITIONS", "1", "ONEX_INSTANCE_ID", INSTANCE,
                "BRIDGE_INTELLIGENCE_GROUP", "it-intelligence-" + UUID.randomUUID()));
        List<NodeContract> loaded = new ContractLoader(env).loadAll(Path.of("../contracts")).stream()
                .filter(c -> OWN_CONTRACTS.contains(c.name())).toList();
        return OnexRuntime.builder().contracts(loaded).environment(env)
                .bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start();
    }

    private static StampResult stamp(OnexRuntime runtime, String correlationId) throws Exception {
        return StampClient.of(runtime).stamp(StampRequest.ofText(correlationId + ".txt", "docs", "content of "
                + correlationId).withCorrelationId(correlationId)).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void aNewRuntimeAnswersIdsCompletedBeforeFromTheLogAndFinishesTheRunsLeftUnfinished() throws Exception {
        List<String> ids = List.of("corr-1", "corr-2", "corr-3");
        Map<String, StampResult> before = new HashMap<>();
        try (OnexRuntime first = runtime()) {
            for (String id : ids) {
                before.put(id, stamp(first, id));
            }
        }
        String logTopic = config.resolveTopic(NodeBridgeOrchestrator.RUN_LOG_TOPIC);
        // as a kill -9 leaves them: one run only started, one whose stamp was out; and another instance's run
        StampResult stampOfLeft = before.get("corr-1");
        StampResult leftStamp = new StampResult("wf-left-stamped", "left-stamped", stampOfLeft.stampId(),
                stampOfLeft.fileHash(), "blake3", "docs", "corr-1.txt", stampOfLeft.fileSizeBytes(), "text/plain",
                "txt", stampOfLeft.createdAt(), "not_requested", null, "completed", null);
        RunRecord leftStamped = RunRecord.started("left-stamped", "wf-left-stamped", INSTANCE, "docs", Instant.now());
        write(logTopic, RunRecord.started("left-started", "wf-left-started", INSTANCE, "docs", Instant.now()),
                leftStamped, leftStamped.stamped(leftStamp, Instant.now()),
                RunRecord.started("other-started", "wf-other", "another-instance", "docs", Instant.now()));

        Map<String, StampResult> after = new HashMap<>();
        StampResult leftStartedAskedAgain;
        StampResult leftStampedAskedAgain;
        try (OnexRuntime second = runtime()) {
            for (String id : ids) {
                after.put(id, stamp(second, id));
            }
            leftStartedAskedAgain = stamp(second, "left-started");
            leftStampedAskedAgain = stamp(second, "left-stamped");
        }

        assertThat(after).as("answered from the log").isEqualTo(before);
        assertThat(leftStampedAskedAgain).isEqualTo(leftStamp);
        assertThat(leftStartedAskedAgain.state()).as("a failed run runs again when asked").isEqualTo("completed");
        Map<String, Integer> stamps = new HashMap<>();
        read(BridgeTopics.METADATA_STAMP_CREATED).forEach(e -> stamps.merge(e.get("correlation_id").asText(), 1,
                Integer::sum));
        assertThat(stamps).as("stamps per correlation id").isEqualTo(Map.of("corr-1", 1, "corr-2", 1, "corr-3", 1,
                "left-started", 1));

        List<JsonNode> failed = read(BridgeTopics.STAMP_WORKFLOW_FAILED);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("correlation_id").asText()).isEqualTo("left-started");
        assertThat(failed.get(0).get("payload").get("workflow_id").asText()).isEqualTo("wf-left-started");
        assertThat(failed.get(0).get("payload").get("error_message").asText())
                .isEqualTo("interrupted by restart of instance " + INSTANCE);
        assertThat(read(BridgeTopics.STAMP_WORKFLOW_COMPLETED)).filteredOn(e -> e.get("payload").get("workflow_id")
                .asText().equals("wf-left-stamped")).hasSize(1);
        assertThat(read(BridgeTopics.STAMP_WORKFLOW_FAILED)).noneMatch(e -> e.get("correlation_id").asText()
                .equals("other-started"));
        assertThat(logTopicConfig(logTopic).get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact,delete");
        assertThat(logTopicConfig(logTopic).get(TopicConfig.RETENTION_MS_CONFIG).value())
                .as("the contract's run_log_retention, 168h").isEqualTo(Long.toString(168L * 3_600_000L));
    }

    private static void write(String topic, RunRecord... records) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (RunRecord r : records) {
                p.send(new ProducerRecord<>(topic, r.correlationId().getBytes(StandardCharsets.UTF_8),
                        JSON.writeValueAsBytes(r))).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Config logTopicConfig(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()))) {
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(r)).all().get(30, TimeUnit.SECONDS).get(r);
        }
    }

    private List<JsonNode> read(String ref) {
        List<ConsumerRecord<byte[], byte[]>> records = TopicReadBack.readAll(SharedKafka.bootstrapServers(),
                "read_committed", List.of(config.resolveTopic(ref)));
        return records.stream().map(r -> {
            try {
                return JSON.readTree(r.value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
