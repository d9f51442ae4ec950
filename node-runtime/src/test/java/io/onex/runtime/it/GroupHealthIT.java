package io.onex.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.testing.SharedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node that blocks on a record stalls its consumer group: the runtime's own sampling sees the committed offset
 * stand still with lag over a full window (3 samples, 1 s apart) and /health, the node's health and the meters say
 * so; released, the group is ok again.
 */
class GroupHealthIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final HttpClient http = HttpClient.newHttpClient();
    private String tenant;
    private OnexRuntime runtime;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void start() {
        StallingNode.RELEASE = new CompletableFuture<>();
        tenant = "gh_" + UUID.randomUUID().toString().substring(0, 8);
        runtime = OnexRuntime.builder().contracts(Path.of("src/test/resources/health-contracts"))
                .environment(Map.of("ONEX_TENANT", tenant, "ONEX_CREATE_TOPICS", "true", "ONEX_TOPIC_PARTITIONS", "1",
                        "ONEX_LAG_WINDOW_SECONDS", "3", "ONEX_LAG_SAMPLES", "3"))
                .bootstrapServers(SharedKafka.bootstrapServers()).httpPort(0).build().start();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterEach
    void stop() {
        StallingNode.RELEASE.complete("released");
        if (producer != null) {
            producer.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private String topic() {
        return "dev." + tenant + ".onex.evt.stall-input.v1";
    }

    private void send(boolean block) throws Exception {
        EventEnvelope e = EventEnvelope.create("STALL_INPUT", UUID.randomUUID().toString(), null, Instant.now(),
                new EventSource("it", "effect", "it-producer"), Map.of(), Map.of("block", block));
        producer.send(new ProducerRecord<>(topic(), codec.encode(e))).get();
    }

    private JsonNode health() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.httpPort()
                + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void aBlockedNodesGroupIsReportedStalledInHealthAndMetricsThenOkOnceReleased() throws Exception {
        send(false);
        Awaitility.await().atMost(WAIT).until(() -> health().at("/groups/stalling_effect/verdict").asText()
                .equals("ok") && health().at("/groups/stalling_effect/lag").asLong() == 0);
        send(true);
        for (int i = 0; i < 5; i++) {
            send(false);
        }

        Awaitility.await().atMost(WAIT).until(() -> health().at("/groups/stalling_effect/verdict").asText()
                .equals("stalled"));

        JsonNode report = health();
        assertThat(report.at("/status").asText()).isEqualTo("unhealthy");
        assertThat(report.at("/groups/stalling_effect/health_status").asText()).isEqualTo("unhealthy");
        assertThat(report.at("/groups/stalling_effect/reason").asText())
                .matches("lag 6 on " + topic().replace(".", "\\.") + "\\[0\\] and committed offset unchanged for \\ds:"
                        + " stalled");
        assertThat(report.at("/nodes/stalling_effect/health_status").asText())
                .isEqualTo("unhealthy");
        String metrics = runtime.meterRegistry().scrape();
        assertThat(metrics).contains("onex_group_health{group=\"stalling_effect\"} 2.0",
                "onex_group_verdict{group=\"stalling_effect\",verdict=\"stalled\"} 1.0",
                "onex_group_lag{group=\"stalling_effect\",partition=\"0\",topic=\"" + topic() + "\"} 6.0",
                "onex_group_lag_threshold{group=\"stalling_effect\",level=\"critical\"} 1000.0");

        StallingNode.RELEASE.complete("released");

        Awaitility.await().atMost(WAIT).until(() -> health().at("/groups/stalling_effect/verdict").asText()
                .equals("ok"));
        assertThat(health().at("/status").asText()).isEqualTo("healthy");
    }
}
