package io.onex.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.runtime.inject.KafkaModule;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A part failing mid-start closes what had started, in reverse, and leaves the runtime closed. */
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
            return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        throw new UnsupportedOperationException("no broker in this test");
                    });
        }
    };

    @BeforeEach
    void writeContracts() throws IOException {
        LifecycleRecordingNode.LOG.clear();
        for (String name : new String[] {"a_first", "b_second", "c_failing", "d_never"}) {
            Files.writeString(contracts.resolve(name + ".yaml"), "name: " + name + "\nversion: 1.0.0\n"
                    + "node_type: compute\nimplementation: " + LifecycleRecordingNode.class.getName() + "\n");
        }
    }

    @Test
    void aNodeThatFailsToStartStopsTheNodesStartedBeforeItInReverseAndClosesTheSharedServices() {
        OnexRuntime runtime = OnexRuntime.builder().contracts(contracts)
                .environment(Map.of("ONEX_CREATE_TOPICS", "false"))
                .bootstrapServers("127.0.0.1:9")
                .httpPort(-1)
                .kafkaClients(clients)
                .build();

        assertThatThrownBy(runtime::start).isInstanceOf(RuntimeStartupException.class)
                .hasMessageContaining("node c_failing (c-failing-").hasMessageContaining("failed to start: no database");

        assertThat(LifecycleRecordingNode.LOG).containsExactly("start a_first", "start b_second", "start c_failing",
                "stop c_failing", "stop b_second", "stop a_first");
        assertThat(producer.closed()).as("the shared producer was closed").isTrue();
        assertThatThrownBy(runtime::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
