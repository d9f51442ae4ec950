package io.onex.runtime.testing;

import io.onex.runtime.inject.KafkaModule;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** MockProducers for every producer the runtime or the node asks for; idle consumers; an admin never used. */
final class MockKafkaClients implements KafkaModule.ClientFactory {
    private final boolean autoComplete;
    private final List<MockProducer<byte[], byte[]>> producers = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The properties each producer was asked for, by client id, signals' included (for tests of the wiring). */
    private final Map<String, Map<String, Object>> producerProperties = new java.util.concurrent.ConcurrentHashMap<>();

    MockKafkaClients(boolean autoComplete) {
        this.autoComplete = autoComplete;
    }

    @Override
    public Producer<byte[], byte[]> producer(Map<String, Object> properties) {
        record(properties);
        MockProducer<byte[], byte[]> p = new MockProducer<>(autoComplete, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        producers.add(p);
        return p;
    }

    /** The event producer's mock (made first): one history of every runtime send, in order. */
    @Override
    public Producer<byte[], byte[]> signalsProducer(Map<String, Object> properties) {
        if (producers.isEmpty()) {
            return producer(properties);
        }
        record(properties);
        return producers.get(0);
    }

    private void record(Map<String, Object> properties) {
        producerProperties.put(String.valueOf(properties.get(ProducerConfig.CLIENT_ID_CONFIG)), Map.copyOf(properties));
    }

    Map<String, Map<String, Object>> producerProperties() {
        return Map.copyOf(producerProperties);
    }

    @Override
    public Admin admin(Map<String, Object> properties) {
        return noBrokerAdmin();
    }

    @Override
    public Consumer<byte[], byte[]> consumer(Map<String, Object> properties) {
        return new IdleConsumer(String.valueOf(properties.getOrDefault(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest")));
    }

    /**
     * An admin client that never connects: every request fails at once (the runtime asks one only for /health's
     * broker check, which then says unreachable), and close does nothing.
     */
    private static Admin noBrokerAdmin() {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> null;
                    case "toString" -> "NodeTestKit admin (no broker)";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("NodeTestKit runs without a broker: "
                            + "Admin." + method.getName() + " is not available");
                });
    }

    MockProducer<byte[], byte[]> shared() {
        return producers.get(0);
    }

    List<MockProducer<byte[], byte[]>> producers() {
        return List.copyOf(producers);
    }
}
