package io.onex.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.testing.SharedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime end to end on the embedded broker: a sample node consumes, executes and publishes; failures retry and
 * land in the DLQ; an open breaker pauses consumption until it half-opens; introspection and heartbeats appear on
 * their topics, read by a plain consumer.
 */
class RuntimeEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private String tenant;
    private OnexRuntime runtime;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void startRuntime() {
        UppercaseEchoNode.DOWNSTREAM_DOWN.set(false);
        UppercaseEchoNode.ATTEMPTS.set(0);
        tenant = "it_" + UUID.randomUUID().toString().substring(0, 8);
        runtime = OnexRuntime.builder()
                .contracts(Path.of("src/test/resources/it-contracts"))
                .environment(Map.of("ONEX_TENANT", tenant, "ONEX_CREATE_TOPICS", "true"))
                .bootstrapServers(SharedKafka.bootstrapServers())
                .httpPort(0)
                .build()
                .start();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterEach
    void stopRuntime() {
        UppercaseEchoNode.DOWNSTREAM_DOWN.set(false);
        if (producer != null) {
            producer.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private String topic(String name) {
        return "dev." + tenant + ".onex.evt." + name + ".v1";
    }

    private EventEnvelope send(Map<String, Object> payload) throws Exception {
        EventEnvelope e = EventEnvelope.create("IT_INPUT", UUID.randomUUID().toString(), null, Instant.now(),
                new EventSource("it", "effect", "it-producer"), Map.of(), payload);
        producer.send(new ProducerRecord<>(topic("it-input"), e.correlationId().getBytes(StandardCharsets.UTF_8),
                codec.encode(e))).get();
        return e;
    }

    @Test
    void consumedRecordIsExecutedAndItsResultPublishedWithTheSameCorrelationId() throws Exception {
        try (TopicReader out = new TopicReader(runtime.bootstrapServers(), topic("it-echoed"))) {
            EventEnvelope in = send(Map.of("text", "hello onex"));

            ConsumerRecord<byte[], byte[]> r = out.await(WAIT,
                    rec -> in.correlationId().equals(TopicReader.json(rec).path("correlation_id").asText()));

            JsonNode env = TopicReader.json(r);
            assertThat(env.path("event_type").asText()).isEqualTo("IT_ECHOED");
            assertThat(env.path("causation_id").asText()).isEqualTo(in.eventId());
            assertThat(env.path("payload").path("text").asText()).isEqualTo("HELLO ONEX");
            assertThat(env.path("source").path("node_id").asText()).isEqualTo(runtime.nodeId("uppercase_echo"));
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(in.correlationId());
            assertThat(TopicReader.header(r, "event_type")).isEqualTo("IT_ECHOED");
        }
    }

    @Test
    void recordFailingEveryAttemptIsRetriedThenRoutedToTheDeadLetterTopic() throws Exception {
        try (TopicReader dlq = new TopicReader(runtime.bootstrapServers(), topic("it-input") + ".dlq")) {
            EventEnvelope in = send(Map.of("text", "doomed", "fail", true));

            ConsumerRecord<byte[], byte[]> r = dlq.await(WAIT,
                    rec -> in.correlationId().equals(TopicReader.json(rec).path("correlation_id").asText()));

            JsonNode letter = TopicReader.json(r);
            assertThat(letter.path("original_topic").asText()).isEqualTo(topic("it-input"));
            assertThat(letter.path("original_envelope").path("event_id").asText()).isEqualTo(in.eventId());
            assertThat(letter.path("retry_count").asInt()).isEqualTo(3);
            assertThat(letter.path("error").path("type").asText()).isEqualTo("java.io.IOException");
            assertThat(letter.path("node_id").asText()).isEqualTo(runtime.nodeId("uppercase_echo"));
            assertThat(TopicReader.header(r, "onex.dlq.attempts")).isEqualTo("3");
            assertThat(UppercaseEchoNode.ATTEMPTS.get()).isEqualTo(3);
        }
    }

    @Test
    void openBreakerPausesConsumptionUntilItHalfOpensThenTheHeldRecordIsProcessed() throws Exception {
        try (TopicReader out = new TopicReader(runtime.bootstrapServers(), topic("it-echoed"));
                TopicReader dlq = new TopicReader(runtime.bootstrapServers(), topic("it-input") + ".dlq")) {
            UppercaseEchoNode.DOWNSTREAM_DOWN.set(true);
            EventEnvelope first = send(Map.of("text", "while down"));
            dlq.await(WAIT, rec -> first.correlationId().equals(TopicReader.json(rec).path("correlation_id").asText()));
            Awaitility.await().atMost(WAIT).until(() -> runtime.invoker("uppercase_echo").breakerState().wireName().equals("open"));

            EventEnvelope held = send(Map.of("text", "held back"));
            // while the breaker is open the consumer hands nothing to the node (it would fail: downstream is down)
            int attemptsWhenOpened = UppercaseEchoNode.ATTEMPTS.get();
            Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> UppercaseEchoNode.ATTEMPTS.get() == attemptsWhenOpened);
            assertThat(runtime.health().ready()).isFalse();
            assertThat(runtime.health().toJson()).contains("\"breaker_state\":\"open\"");
            UppercaseEchoNode.DOWNSTREAM_DOWN.set(false);

            ConsumerRecord<byte[], byte[]> echoed = out.await(WAIT,
                    rec -> held.correlationId().equals(TopicReader.json(rec).path("correlation_id").asText()));
            assertThat(TopicReader.json(echoed).path("payload").path("text").asText()).isEqualTo("HELD BACK");
            assertThat(UppercaseEchoNode.ATTEMPTS.get()).isEqualTo(attemptsWhenOpened + 1);
            Awaitility.await().atMost(WAIT).until(() -> runtime.invoker("uppercase_echo").breakerState().wireName().equals("closed"));
            assertThat(dlq.drainFor(Duration.ofMillis(500)))
                    .noneMatch(rec -> held.correlationId().equals(TopicReader.json(rec).path("correlation_id").asText()));
        }
    }

    @Test
    void nodeBroadcastsIntrospectionOnStartHeartbeatsEveryIntervalAndIntrospectionOnShutdown() {
        String nodeId = runtime.nodeId("uppercase_echo");
        try (TopicReader intro = new TopicReader(runtime.bootstrapServers(), topic("node-introspection"));
                TopicReader beats = new TopicReader(runtime.bootstrapServers(), topic("node-heartbeat"))) {
            ConsumerRecord<byte[], byte[]> startup = intro.await(WAIT, rec -> nodeId.equals(
                    TopicReader.json(rec).path("payload").path("node_id").asText()));
            JsonNode p = TopicReader.json(startup).path("payload");
            assertThat(p.path("reason").asText()).isEqualTo("startup");
            assertThat(p.path("node_name").asText()).isEqualTo("uppercase_echo");
            assertThat(p.path("node_type").asText()).isEqualTo("effect");
            assertThat(p.path("node_version").asText()).isEqualTo("1.0.0");

            java.util.function.Predicate<ConsumerRecord<byte[], byte[]>> mine =
                    rec -> nodeId.equals(TopicReader.json(rec).path("payload").path("node_id").asText());
            Awaitility.await().atMost(WAIT).until(() -> beats.drainFor(Duration.ofMillis(200)).stream().filter(mine).count() >= 2);
            ConsumerRecord<byte[], byte[]> second = beats.drainFor(Duration.ZERO).stream().filter(mine).skip(1).findFirst().orElseThrow();
            JsonNode beat = TopicReader.json(second).path("payload");
            assertThat(beat.path("health_status").asText()).isEqualTo("healthy");
            assertThat(beat.path("heartbeat_interval_seconds").asDouble()).isEqualTo(1.0);

            runtime.close();
            intro.await(WAIT, rec -> nodeId.equals(TopicReader.json(rec).path("payload").path("node_id").asText())
                    && "shutdown".equals(TopicReader.json(rec).path("payload").path("reason").asText()));
        }
    }

    @Test
    void nodeAnswersARegistryRequestWithTheRequestsCorrelationId() throws Exception {
        String nodeId = runtime.nodeId("uppercase_echo");
        try (TopicReader intro = new TopicReader(runtime.bootstrapServers(), topic("node-introspection"))) {
            intro.await(WAIT, rec -> nodeId.equals(TopicReader.json(rec).path("payload").path("node_id").asText()));
            String correlation = UUID.randomUUID().toString();
            EventEnvelope request = EventEnvelope.create("REGISTRY_REQUEST_INTROSPECTION", correlation, null,
                    Instant.now(), new EventSource("it", "effect", "it-registry"), Map.of(),
                    Map.of("registry_id", "it-registry", "reason", "manual", "target_node_types", java.util.List.of(),
                            "response_timeout_ms", 5000));
            // the runtime's request listener starts at the latest offset: send until one answer comes back
            ConsumerRecord<byte[], byte[]> answer = null;
            long end = System.nanoTime() + WAIT.toNanos();
            while (answer == null && System.nanoTime() < end) {
                producer.send(new ProducerRecord<>(topic("registry-request-introspection"), codec.encode(request))).get();
                try {
                    answer = intro.await(Duration.ofSeconds(2), rec -> correlation.equals(
                            TopicReader.json(rec).path("correlation_id").asText()));
                } catch (org.awaitility.core.ConditionTimeoutException notYet) {
                    // listener not assigned yet; try again
                }
            }
            assertThat(answer).isNotNull();
            JsonNode p = TopicReader.json(answer).path("payload");
            assertThat(p.path("reason").asText()).isEqualTo("registry_request");
            assertThat(p.path("node_id").asText()).isEqualTo(nodeId);
        }
    }

    @Test
    void runtimeServesPrometheusMetricsAndHealthOverHttp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        send(Map.of("text", "count me"));
        Awaitility.await().atMost(WAIT).until(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + runtime.httpPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("onex_node_calls_total"));
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + runtime.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("broker_reachable");
    }
}
