package io.onex.nodes.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The validate handler on a real broker: a request written as the Python services write it (their envelope as
 * {@code json.dumps} bytes, naive ISO timestamp, spaces after separators) on the request topic gets its response on
 * the response topic, under its correlation id; by default on the legacy flat topics, and on the topics the services'
 * {@code KAFKA_CODEGEN_*} variables name when they are set.
 */
class CodegenValidationIT {

    @Test
    void aPythonShapedRequestOnTheLegacyTopicGetsItsResponse() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        try (OnexRuntime runtime = runtime(bootstrap, Map.of())) {
            assertAnswered(python(bootstrap, CodegenValidationEffectTest.REQUESTS, CodegenValidationEffectTest.RESPONSES));
        }
    }

    @Test
    void theServicesVariablesRenameTheTopicsThePythonShapedRequestIsAnsweredOn() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        try (OnexRuntime runtime = runtime(bootstrap, CodegenValidationEffectTest.RENAMED);
                Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            assertAnswered(python(bootstrap, "acme.validate.req", "acme.validate.resp"));

            // the contract's topic_settings followed the renamed topics when the runtime created them
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("acme.validate.req",
                    "acme.validate.resp", "acme.validate.dlq")).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.get("acme.validate.req").partitions()).hasSize(3);
            assertThat(topics.get("acme.validate.resp").partitions()).hasSize(3);
            assertThat(topics.get("acme.validate.dlq").partitions()).hasSize(1);
            ConfigResource request = new ConfigResource(ConfigResource.Type.TOPIC, "acme.validate.req");
            Config config = admin.describeConfigs(List.of(request)).all().get(30, TimeUnit.SECONDS).get(request);
            assertThat(config.get("retention.ms").value()).isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
        }
    }

    private static OnexRuntime runtime(String bootstrap, Map<String, String> variables) throws Exception {
        Map<String, String> environment = new HashMap<>(variables);
        environment.put("ONEX_CREATE_TOPICS", "true");
        return OnexRuntime.builder().contracts(CodegenValidationEffectTest.CONTRACT).environment(environment)
                .bootstrapServers(bootstrap).httpPort(-1).build().start();
    }

    /** Sends the fixture's {@code json.dumps} bytes as the Python services would, and waits for its response. */
    private static JsonNode python(String bootstrap, String requestTopic, String responseTopic) throws Exception {
        byte[] pythonBytes = Files.readAllBytes(CodegenValidationEffectTest.FIXTURES
                .resolve("python-validate-request.json"));
        try (KafkaConsumer<byte[], byte[]> responses = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                        "group.id", "it-codegen-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> python = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            responses.subscribe(List.of(responseTopic));
            python.send(new ProducerRecord<>(requestTopic, null, pythonBytes)).get(30, TimeUnit.SECONDS);

            ObjectMapper json = new ObjectMapper();
            JsonNode[] found = new JsonNode[1];
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : responses.poll(Duration.ofMillis(200))) {
                    JsonNode envelope = json.readTree(r.value());
                    if (envelope.path("payload").path("request_event_id").asText()
                            .equals("7d3f1c2a-4b5e-4f60-9a1b-2c3d4e5f6a7b")) {
                        found[0] = envelope;
                    }
                }
                return found[0] != null;
            });
            return found[0];
        }
    }

    private static void assertAnswered(JsonNode response) throws Exception {
        assertThat(response.path("event_type").asText()).isEqualTo(CodegenValidationEffect.RESPONSE_TYPE);
        assertThat(response.path("correlation_id").asText()).isEqualTo("c0ffee00-1111-4222-8333-444455556666");
        assertThat(response.path("causation_id").asText()).isEqualTo("7d3f1c2a-4b5e-4f60-9a1b-2c3d4e5f6a7b");
        assertThat(response.path("payload").path("valid").asBoolean(true)).isFalse();
        StringBuilder texts = new StringBuilder();
        response.path("payload").path("problems").forEach(p -> texts.append(p.path("text").asText()).append('\n'));
        assertThat(texts.toString()).isEqualTo(Files.readString(CodegenValidationEffectTest.FIXTURES
                .resolve("python-validate-request.problems.txt"), StandardCharsets.UTF_8));
    }
}
