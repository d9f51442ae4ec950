package io.onex.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.inject.KafkaModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The producers' metadata for the introspection topics is fetched while the runtime starts, not at the first send. */
class ProducerWarmUpPartTest {

    @TempDir
    Path contracts;

    /** Which producer asked for which topic's metadata. */
    private final List<String> metadataRequests = new CopyOnWriteArrayList<>();

    private final class RecordingProducer extends MockProducer<byte[], byte[]> {
        private final String name;

        RecordingProducer(String name) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.name = name;
        }

        @Override
        public synchronized List<PartitionInfo> partitionsFor(String topic) {
            metadataRequests.add(name + " " + topic);
            return super.partitionsFor(topic);
        }
    }

    private final KafkaModule.ClientFactory clients = new KafkaModule.ClientFactory() {
        @Override
        public Producer<byte[], byte[]> producer(Map<String, Object> properties) {
            return new RecordingProducer("events");
        }

        @Override
        public Producer<byte[], byte[]> signalsProducer(Map<String, Object> properties) {
            return new RecordingProducer("signals");
        }

        @Override
        public Admin admin(Map<String, Object> properties) {
            return NoBrokerAdmin.create();
        }
    };

    @BeforeEach
    void writeContract() throws IOException {
        Files.writeString(contracts.resolve("echo.yaml"), "name: echo\nversion: 1.0.0\n"
                + "node_type: compute\nimplementation: " + LifecycleRecordingNode.class.getName() + "\n");
    }

    @Test
    void bothProducersFetchTheIntrospectionTopicsMetadataAsTheRuntimeStarts() {
        try (OnexRuntime runtime = runtime(true)) {
            runtime.start();
            String introspection = runtime.config().resolveTopic(BridgeTopics.NODE_INTROSPECTION);
            String heartbeat = runtime.config().resolveTopic(BridgeTopics.NODE_HEARTBEAT);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metadataRequests)
                    .containsExactlyInAnyOrder("signals " + introspection, "signals " + heartbeat,
                            "events " + introspection, "events " + heartbeat));
        }
    }

    @Test
    void aRuntimeThatDoesNotAnnounceItsNodesFetchesNoMetadataAhead() {
        try (OnexRuntime runtime = runtime(false)) {
            runtime.start();

            assertThat(metadataRequests).isEmpty();
        }
    }

    private OnexRuntime runtime(boolean announce) {
        return OnexRuntime.builder().contracts(contracts)
                .environment(Map.of("ONEX_CREATE_TOPICS", "false"))
                .bootstrapServers("127.0.0.1:9")
                .httpPort(-1)
                .announceNodes(announce)
                .kafkaClients(clients)
                .build();
    }
}
