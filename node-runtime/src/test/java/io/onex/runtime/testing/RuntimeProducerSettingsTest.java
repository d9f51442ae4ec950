package io.onex.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which producer each use gets, and with what settings: the event producer from the environment, the producer of
 * requests, replies, introspection and heartbeats with linger 0, and a node of its own when its contract gives
 * producer settings (the runtime's in place of what it leaves out).
 */
class RuntimeProducerSettingsTest {

    private static final Map<String, String> ENV = Map.of("KAFKA_PRODUCER_LINGER_MS", "7",
            "KAFKA_PRODUCER_BATCH_SIZE", "32768", "KAFKA_COMPRESSION_TYPE", "lz4");

    private final MockKafkaClients clients = new MockKafkaClients(true);
    private OnexRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        ContractLoader loader = new ContractLoader(Map.of());
        NodeContract own = loader.parse(contract("bulk_echo") + "producer:\n  linger_ms: 20\n  compression: zstd\n",
                Path.of("bulk_echo.yaml"));
        NodeContract shared = loader.parse(contract("plain_echo"), Path.of("plain_echo.yaml"));
        runtime = KitRuntime.start(List.of(own, shared), List.of(), ENV,
                new ManualScheduler(new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))), clients);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void eventProducerTakesTheEnvironmentsLingerBatchSizeAndCompression() {
        assertThat(producerEndingWith("-producer"))
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 7)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 32_768)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    @Test
    void requestsRepliesAndIntrospectionGoThroughAProducerThatNeitherLingersNorCompresses() {
        assertThat(producerEndingWith("-signals"))
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 16_384)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
    }

    @Test
    void aContractWithProducerSettingsGetsAProducerOfItsOwnWithTheRuntimesSettingsForWhatItLeavesOut() {
        Map<String, Map<String, Object>> byClientId = clients.producerProperties();

        assertThat(byClientId.get(runtime.nodeId("bulk_echo")))
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 32_768)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        assertThat(byClientId).doesNotContainKey(runtime.nodeId("plain_echo"));
    }

    @Test
    void theNodesEventsGoThroughItsOwnProducerWhichClosesWithTheRuntime() {
        runtime.call("bulk_echo", envelope()).toCompletableFuture().join();
        runtime.call("plain_echo", envelope()).toCompletableFuture().join();
        MockProducer<byte[], byte[]> shared = clients.shared();
        MockProducer<byte[], byte[]> own = clients.producers().get(1);

        assertThat(own.history()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .singleElement().asString().contains("\"node_id\":\"" + runtime.nodeId("bulk_echo") + "\"");
        assertThat(shared.history()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .filteredOn(v -> v.contains("IT_ECHOED")).singleElement().asString()
                .contains("\"node_id\":\"" + runtime.nodeId("plain_echo") + "\"");
        runtime.close();
        assertThat(own.closed()).isTrue();
    }

    private Map<String, Object> producerEndingWith(String suffix) {
        return clients.producerProperties().entrySet().stream().filter(e -> e.getKey().endsWith(suffix))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
    }

    private static EventEnvelope envelope() {
        return new EventEnvelope("e-1", "IT_INPUT", "c-1", null, Instant.parse("2026-01-01T00:00:00Z"), "1.0.0",
                new EventSource("test", "effect", "t-1"), Map.of(), Map.of("text", "hi"), Map.of());
    }

    private static String contract(String name) {
        return "name: " + name + "\nversion: 1.0.0\nnode_type: effect\n"
                + "implementation: io.onex.runtime.it.UppercaseEchoNode\n";
    }
}
