package io.onex.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.runtime.inject.KafkaModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A part failing mid-start closes what had started, in reverse, and leaves the runtime closed. Nodes start at once,
 * so a failing node's neighbours have started too, and are stopped.
 */
class OnexRuntimeStartFailureTest {

    @TempDir
    Path contracts;

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());

    private final KafkaModule.ClientFactory clients = new KafkaModule.ClientFactory() {
        @Override
        public Producer<byte[], byte[]> producer(Map<String, Object> properties) {
            return producer;
        }

        @Override
        public Admin admin(Map<String, Object> properties) {
            return NoBrokerAdmin.create();
        }
    };

    @BeforeEach
    void writeContracts() throws IOException {
        LifecycleRecordingNode.LOG.clear();
        for (String name : new String[] {"a_first", "b_second", "c_failing", "d_last"}) {
            Files.writeString(contracts.resolve(name + ".yaml"), "name: " + name + "\nversion: 1.0.0\n"
                    + "node_type: compute\nimplementation: " + LifecycleRecordingNode.class.getName() + "\n");
        }
    }

    @Test
    void aNodeThatFailsToStartStopsEveryNodeInReverseContractOrderAndClosesTheSharedServices() {
        OnexRuntime runtime = runtime();

        assertThatThrownBy(runtime::start).isInstanceOf(RuntimeStartupException.class)
                .hasMessageContaining("node c_failing (c-failing-").hasMessageContaining("failed to start: no database");

        assertThat(LifecycleRecordingNode.LOG.subList(0, 4)).containsExactlyInAnyOrder("start a_first",
                "start b_second", "start c_failing", "start d_last");
        assertThat(LifecycleRecordingNode.LOG.subList(4, LifecycleRecordingNode.LOG.size())).containsExactly(
                "stop d_last", "stop c_failing", "stop b_second", "stop a_first");
        assertThat(producer.closed()).as("the shared producer was closed").isTrue();
        assertThatThrownBy(runtime::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void everyNodeThatFailsToStartIsReportedInContractOrder() throws IOException {
        Files.writeString(contracts.resolve("e_failing.yaml"), "name: e_failing\nversion: 1.0.0\n"
                + "node_type: compute\nimplementation: " + LifecycleRecordingNode.class.getName() + "\n");
        OnexRuntime runtime = runtime();

        assertThatThrownBy(runtime::start).isInstanceOf(RuntimeStartupException.class)
                .hasMessageContainingAll("see the following 2 errors", "1) node c_failing (c-failing-",
                        "2) node e_failing (e-failing-", "failed to start: no database");
    }

    @Test
    void nodesStartAtTheSameTime() throws IOException {
        RendezvousNode.barrier = new CyclicBarrier(RendezvousNode.PARTIES);
        Path rendezvous = contracts.resolve("rendezvous");
        Files.createDirectory(rendezvous);
        for (String name : new String[] {"meets_b", "meets_a"}) {
            Files.writeString(rendezvous.resolve(name + ".yaml"), "name: " + name + "\nversion: 1.0.0\n"
                    + "node_type: compute\nimplementation: " + RendezvousNode.class.getName() + "\n");
        }

        try (OnexRuntime runtime = runtime(rendezvous)) {
            runtime.start();
        }
    }

    @Test
    void aRuntimeWithoutNodesStarts() throws IOException {
        // a caller's runtime, onex call's: it serves nothing, it only calls (a pool of no start threads once failed it)
        Path none = Files.createDirectory(contracts.resolve("none"));

        try (OnexRuntime runtime = runtime(none)) {
            assertThat(runtime.start().contracts()).isEmpty();
        }
    }

    private OnexRuntime runtime() {
        return runtime(contracts);
    }

    private OnexRuntime runtime(Path folder) {
        return OnexRuntime.builder().contracts(folder)
                .environment(Map.of("ONEX_CREATE_TOPICS", "false"))
                .bootstrapServers("127.0.0.1:9")
                .httpPort(-1)
                .kafkaClients(clients)
                .build();
    }
}
