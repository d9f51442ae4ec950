package io.onex.nodes.agentlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventSource;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.KafkaEventPublisher;
import io.onex.runtime.testing.SharedKafka;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The logger on the real broker and PostgreSQL (a schema of its own, dropped afterwards): the runtime creates the seven
 * topics with the seed's partitions and retention, events published through the runtime land in their tables, and a
 * payload its schema refuses (sent by a producer that does not check) is dead-lettered, never written.
 */
class AgentIntelligenceLoggerIT {

    private final String schema = PostgresAgentLogWriterIT.uniqueSchema("it_agentlog_e2e");
    private final String tenant = "it_agents_" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void dropSchema() throws Exception {
        PostgresAgentLogWriterIT.dropSchema(schema);
    }

    @Test
    void publishedAgentEventsArePersistedPerTopicAndARefusedPayloadIsDeadLettered() throws Exception {
        Map<String, String> env = Map.of("ONEX_TENANT", tenant, "ONEX_CREATE_TOPICS", "true",
                "ONEX_DATABASE_URL", PostgresAgentLogWriterIT.POSTGRES_URL, "AGENT_LOG_SCHEMA", schema,
                "AGENT_LOG_BATCH_LINGER", "200ms");
        NodeContract logger = new ContractLoader(env).load(Path.of("../contracts/agent_intelligence_logger.yaml"));

        try (OnexRuntime runtime = OnexRuntime.builder().contracts(List.of(logger)).environment(env)
                .bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedKafka.bootstrapServers()))) {
            String metricTopic = runtime.config().resolveTopic(AgentTopic.PERFORMANCE_METRIC.topic());
            String gateTopic = runtime.config().resolveTopic(AgentTopic.QUALITY_GATE.topic());
            assertThat(admin.describeTopics(List.of(metricTopic, gateTopic)).allTopicNames().get())
                    .hasEntrySatisfying(metricTopic, d -> assertThat(d.partitions()).hasSize(6))
                    .hasEntrySatisfying(gateTopic, d -> assertThat(d.partitions()).hasSize(3));
            ConfigResource metricConfig = new ConfigResource(ConfigResource.Type.TOPIC, metricTopic);
            assertThat(admin.describeConfigs(List.of(metricConfig)).all().get().get(metricConfig)
                    .get("retention.ms").value()).isEqualTo("1209600000");

            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (AgentTopic t : AgentTopic.values()) {
                for (int n = 0; n < 2; n++) {
                    sent.add(runtime.publisher("agent_intelligence_logger")
                            .publish(AgentEventSamples.event(t, n, UUID.randomUUID().toString())).toCompletableFuture());
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
            publishUnchecked(runtime, gateTopic);

            AgentIntelligenceLogger node = runtime.node("agent_intelligence_logger", AgentIntelligenceLogger.class);
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(node.database().rowCounts()).allSatisfy((table, rows) ->
                        assertThat(rows).as(table).isEqualTo(2L));
                TopicPartition dlq = new TopicPartition(gateTopic + ".dlq", 0);
                assertThat(admin.listOffsets(Map.of(dlq, OffsetSpec.latest())).partitionResult(dlq).get().offset())
                        .isEqualTo(1L);
            });
            assertThat(node.database().describe()).contains("(schema " + schema + ")");
        }
    }

    /** What a producer that checks nothing might send: a quality gate without its agent and with a status of its own. */
    private static void publishUnchecked(OnexRuntime runtime, String topic) throws Exception {
        Map<String, Object> gate = new LinkedHashMap<>(AgentEventSamples.payload(AgentTopic.QUALITY_GATE, 9));
        gate.remove("agent_name");
        gate.put("status", "green");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            KafkaEventPublisher unchecked = new KafkaEventPublisher(producer, new EnvelopeCodec(),
                    new EventSource("python-agent", "effect", "agent-1"), Map.of(), t -> t, Clock.systemUTC());
            unchecked.publish(io.onex.api.OutboundEvent.builder(topic, AgentTopic.QUALITY_GATE.eventType())
                    .payload(gate).build()).toCompletableFuture().get();
        }
    }
}
