package io.onex.nodes.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.contract.NodeType;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.EventTypes;
import io.onex.api.topic.TopicName;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.directory.NodeDirectory.Change;
import io.onex.runtime.directory.NodeDirectory.ChangeKind;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.directory.NodeEntry;
import io.onex.runtime.directory.NodeStatus;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.introspection.IntrospectionReason;
import io.onex.runtime.introspection.NodeCapabilities;
import io.onex.runtime.introspection.NodeHeartbeat;
import io.onex.runtime.introspection.NodeIntrospection;
import io.onex.runtime.introspection.RegistryIntrospectionRequest;
import io.onex.runtime.introspection.RegistryRequestReason;
import io.onex.runtime.introspection.ResourceUsage;
import io.onex.runtime.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The registry on the embedded broker: another runtime's node shows up active in the registry's
 * {@link NodeDirectory} with its heartbeats, and leaves when its runtime closes (shutdown introspection); a node it
 * knows only from heartbeats is asked to introspect and becomes fully known from its answer.
 */
class NodeBridgeRegistryIT {

    @Test
    void anotherRuntimesNodeJoinsBeatsAndLeavesOnShutdown() throws Exception {
        Map<String, String> env = Map.of("ONEX_TENANT", "it_reg_" + UUID.randomUUID().toString().substring(0, 8),
                "ONEX_CREATE_TOPICS", "true", "BRIDGE_REGISTRY_HEARTBEAT_INTERVAL", "1s");
        ContractLoader loader = new ContractLoader(env);
        List<Change> changes = new CopyOnWriteArrayList<>();
        try (OnexRuntime registryRuntime = runtime(env, List.of(loader.load(Path.of("../contracts/bridge_registry.yaml"))))) {
            NodeDirectory directory = registryRuntime.node("bridge_registry", NodeBridgeRegistry.class).directory();
            directory.addListener(changes::add);

            String probeId;
            try (OnexRuntime probe = runtime(env,
                    List.of(loader.load(Path.of("src/test/resources/it-contracts/heartbeat_probe.yaml"))))) {
                probeId = probe.nodeId("heartbeat_probe");

                Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    List<NodeEntry> found = directory.findByName("heartbeat_probe");
                    assertThat(found).extracting(NodeEntry::nodeId).containsExactly(probeId);
                    assertThat(found.get(0).status()).isEqualTo(NodeStatus.ACTIVE);
                    assertThat(found.get(0).lastHeartbeat()).isPresent();
                });
                NodeEntry entry = directory.findByName("heartbeat_probe").get(0);
                assertThat(entry.nodeType()).isEqualTo(NodeType.COMPUTE);
                assertThat(entry.nodeVersion()).isEqualTo("2.1.0");
                assertThat(entry.introspected()).isTrue();
                assertThat(entry.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
                assertThat(directory.findByType(NodeType.COMPUTE)).extracting(NodeEntry::nodeId).contains(probeId);
            }

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(directory.all()).filteredOn(e -> e.nodeId().equals(probeId))
                            .extracting(NodeEntry::status).containsExactly(NodeStatus.OFFLINE));
            assertThat(directory.findByName("heartbeat_probe")).isEmpty();
            assertThat(changes).filteredOn(c -> c.entry().nodeId().equals(probeId)).extracting(Change::kind)
                    .containsExactly(ChangeKind.JOINED, ChangeKind.LEFT);
        }
    }

    @Test
    void aNodeWhoseRuntimeDiesTurnsSuspectThenExpiresAndReturnsWhenRestarted() throws Exception {
        Map<String, String> env = Map.of("ONEX_TENANT", "it_reg_" + UUID.randomUUID().toString().substring(0, 8),
                "ONEX_CREATE_TOPICS", "true", "BRIDGE_REGISTRY_HEARTBEAT_INTERVAL", "1s");
        // a fixed instance id: the restarted probe keeps its node id, as a restarted pod with the same name would
        Map<String, String> probeEnv = new java.util.HashMap<>(env);
        probeEnv.put("ONEX_INSTANCE_ID", "pod-a");
        ContractLoader loader = new ContractLoader(env);
        io.onex.api.contract.NodeContract probeContract =
                loader.load(Path.of("src/test/resources/it-contracts/heartbeat_probe.yaml"));
        List<Change> changes = new CopyOnWriteArrayList<>();
        try (OnexRuntime registryRuntime = runtime(env, List.of(loader.load(Path.of("../contracts/bridge_registry.yaml"))))) {
            NodeDirectory directory = registryRuntime.node("bridge_registry", NodeBridgeRegistry.class).directory();
            directory.addListener(changes::add);
            String probeId = "heartbeat-probe-pod-a";

            OnexRuntime probe = runtime(probeEnv, List.of(probeContract));
            assertThat(probe.nodeId("heartbeat_probe")).isEqualTo(probeId);
            // its first heartbeat tells the registry its 1 s interval (until then WIRE.md's 30 s default applies)
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> status(directory, probeId) == NodeStatus.ACTIVE
                    && directory.findByName("heartbeat_probe").get(0).lastHeartbeat().isPresent());

            probe.abandon(); // no shutdown introspection: to the registry the process just went silent

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status(directory, probeId) == NodeStatus.SUSPECT);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status(directory, probeId) == NodeStatus.EXPIRED);
            assertThat(directory.findByName("heartbeat_probe")).isEmpty();

            try (OnexRuntime restarted = runtime(probeEnv, List.of(probeContract))) {
                Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> status(directory, probeId) == NodeStatus.ACTIVE);
                assertThat(directory.findByName("heartbeat_probe")).extracting(NodeEntry::nodeId)
                        .containsExactly(probeId);
                assertThat(changes).filteredOn(c -> c.entry().nodeId().equals(probeId)).extracting(Change::kind)
                        .containsSubsequence(ChangeKind.JOINED, ChangeKind.SUSPECT, ChangeKind.EXPIRED,
                                ChangeKind.RETURNED)
                        .doesNotContain(ChangeKind.LEFT);
            }
        }
    }

    @Test
    void aNodeKnownOnlyFromHeartbeatsIsAskedToIntrospectAndBecomesKnown() throws Exception {
        String tenant = "it_reg_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = Map.of("ONEX_TENANT", tenant, "ONEX_CREATE_TOPICS", "true",
                "BRIDGE_REGISTRY_HEARTBEAT_INTERVAL", "1s");
        ContractLoader loader = new ContractLoader(env);
        List<Change> changes = new CopyOnWriteArrayList<>();
        try (OnexRuntime registryRuntime = runtime(env, List.of(loader.load(Path.of("../contracts/bridge_registry.yaml"))))) {
            NodeDirectory directory = registryRuntime.node("bridge_registry", NodeBridgeRegistry.class).directory();
            directory.addListener(changes::add);

            // started after the registry: its startup request is gone, it only beats and answers requests
            try (PythonComputeNode stamper = new PythonComputeNode("py-stamper-1", tenant)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(directory.findByName("py_stamper")).singleElement()
                                .satisfies(e -> assertThat(e.introspected()).isTrue()));

                NodeEntry entry = directory.findByName("py_stamper").get(0);
                assertThat(entry.nodeId()).isEqualTo("py-stamper-1");
                assertThat(entry.nodeType()).isEqualTo(NodeType.COMPUTE);
                assertThat(entry.nodeVersion()).isEqualTo("0.9.3");
                assertThat(entry.operations()).containsExactly("stamp");
                assertThat(changes).filteredOn(c -> c.entry().nodeId().equals("py-stamper-1")).first()
                        .as("first known from its heartbeats alone").satisfies(c -> {
                            assertThat(c.kind()).isEqualTo(ChangeKind.JOINED);
                            assertThat(c.entry().introspected()).isFalse();
                        });
                RegistryIntrospectionRequest answered = stamper.answered().get(0);
                assertThat(answered.registryId()).isEqualTo(registryRuntime.nodeId("bridge_registry"));
                assertThat(answered.reason()).isEqualTo(RegistryRequestReason.REFRESH);
                assertThat(answered.targetNodeTypes()).containsExactly("compute");
            }
        }
    }

    private static NodeStatus status(NodeDirectory directory, String nodeId) {
        return directory.all().stream().filter(e -> e.nodeId().equals(nodeId)).map(NodeEntry::status).findFirst()
                .orElse(null);
    }

    private static OnexRuntime runtime(Map<String, String> env, List<io.onex.api.contract.NodeContract> contracts) {
        return OnexRuntime.builder().contracts(contracts).environment(env)
                .bootstrapServers(SharedKafka.bootstrapServers()).httpPort(-1).build().start();
    }

    /**
     * A compute node as a Python service runs it, with plain kafka-clients: it beats every second (no epoch), never
     * introspects on its own, and answers a refresh request that targets compute with its introspection. It reads
     * requests from the end of the topic (assigned, no group), so the registry's startup request is not among them.
     */
    private static final class PythonComputeNode implements AutoCloseable {

        private final EnvelopeCodec codec = new EnvelopeCodec();
        private final String nodeId;
        private final String heartbeatTopic;
        private final String introspectionTopic;
        private final KafkaConsumer<byte[], byte[]> requests;
        private final KafkaProducer<byte[], byte[]> producer;
        private final List<RegistryIntrospectionRequest> answered = new CopyOnWriteArrayList<>();
        private final Instant started = Instant.now();
        private final Thread thread;
        private volatile boolean stopped;

        PythonComputeNode(String nodeId, String tenant) {
            this.nodeId = nodeId;
            this.heartbeatTopic = TopicName.resolve(BridgeTopics.NODE_HEARTBEAT, "dev", tenant);
            this.introspectionTopic = TopicName.resolve(BridgeTopics.NODE_INTROSPECTION, "dev", tenant);
            String requestTopic = TopicName.resolve(BridgeTopics.REGISTRY_REQUEST_INTROSPECTION, "dev", tenant);
            requests = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
            List<TopicPartition> partitions = requests.partitionsFor(requestTopic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            requests.assign(partitions);
            requests.seekToEnd(partitions);
            partitions.forEach(requests::position); // fixes the start before the first heartbeat can prompt a request
            thread = new Thread(this::run, "it-python-compute-node");
            thread.setDaemon(true);
            thread.start();
        }

        /** The requests it answered, in order. */
        List<RegistryIntrospectionRequest> answered() {
            return List.copyOf(answered);
        }

        private void run() {
            Instant nextBeat = Instant.now();
            try {
                while (!stopped) {
                    if (!Instant.now().isBefore(nextBeat)) {
                        beat();
                        nextBeat = nextBeat.plusSeconds(1);
                    }
                    for (ConsumerRecord<byte[], byte[]> r : requests.poll(Duration.ofMillis(200))) {
                        EventEnvelope envelope = codec.decode(r.value());
                        RegistryIntrospectionRequest request = RegistryIntrospectionRequest.fromPayload(envelope.payload());
                        if (request.reason() == RegistryRequestReason.REFRESH && request.targets(NodeType.COMPUTE)) {
                            introspect(envelope.correlationId());
                            answered.add(request);
                        }
                    }
                    producer.flush();
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                requests.close();
            }
        }

        private void beat() {
            NodeHeartbeat hb = new NodeHeartbeat(nodeId, NodeType.COMPUTE, HealthStatus.HEALTHY,
                    Duration.between(started, Instant.now()).toSeconds(), Instant.now(), 0, ResourceUsage.NONE,
                    Map.of(), Duration.ofSeconds(1));
            send(heartbeatTopic, EventTypes.NODE_HEARTBEAT, UUID.randomUUID().toString(), hb.toPayload());
        }

        private void introspect(String correlationId) {
            NodeIntrospection in = new NodeIntrospection(nodeId, "py_stamper", NodeType.COMPUTE, "0.9.3",
                    new NodeCapabilities(List.of("stamp"), List.of(), List.of(), "py_stamper", "0.9.3"), Map.of(),
                    Map.of(), IntrospectionReason.REGISTRY_REQUEST, "", "", started.toEpochMilli());
            send(introspectionTopic, EventTypes.NODE_INTROSPECTION, correlationId, in.toPayload());
        }

        private void send(String topic, String eventType, String correlationId, Map<String, Object> payload) {
            EventEnvelope envelope = EventEnvelope.create(eventType, correlationId, null, Instant.now(),
                    new EventSource("py-stamper", NodeType.COMPUTE.wireName(), nodeId), Map.of(), payload);
            producer.send(new ProducerRecord<>(topic, nodeId.getBytes(StandardCharsets.UTF_8), codec.encode(envelope)));
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            requests.wakeup();
            thread.join(10_000);
            producer.close();
        }
    }
}
