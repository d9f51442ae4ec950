package io.onex.nodes.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The validate handler on a real broker: a request written as the Python services write it (their envelope as
 * {@code json.dumps} bytes, naive ISO timestamp, spaces after separators) on the legacy flat request topic gets its
 * response on the response topic, under its correlation id.
 */
class CodegenValidationIT {

    @Test
    void aPythonShapedRequestOnTheLegacyTopicGetsItsResponse() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        byte[] pythonBytes = Files.readAllBytes(CodegenValidationEffectTest.FIXTURES
                .resolve("python-validate-request.json"));
        try (OnexRuntime runtime = OnexRuntime.builder().contracts(CodegenValidationEffectTest.CONTRACT)
                .environment(Map.of("ONEX_CREATE_TOPICS", "true")).bootstrapServers(bootstrap).httpPort(-1).build()
                .start();
                KafkaConsumer<byte[], byte[]> responses = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                        "group.id", "it-codegen-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> python = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            responses.subscribe(List.of(CodegenValidationEffectTest.RESPONSES));
            python.send(new ProducerRecord<>(CodegenValidationEffectTest.REQUESTS, null, pythonBytes))
                    .get(30, TimeUnit.SECONDS);

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

            JsonNode response = found[0];
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
}
