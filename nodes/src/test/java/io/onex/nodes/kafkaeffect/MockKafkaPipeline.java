package io.onex.nodes.kafkaeffect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onex.api.EventSource;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.contract.ContractLoader;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.inject.KafkaModule;
import io.onex.runtime.kafka.KafkaEventPublisher;
import io.onex.runtime.pipeline.CallOptions;
import io.onex.runtime.pipeline.NodeInvoker;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The unit-test seam: the node as the runtime builds it (same constructor arguments the injector passes) behind the
 * runtime's real pipeline ({@link NodeInvoker}: retry, breaker, timeout, metrics) and real {@link DeadLetterRouter},
 * with MockProducers for the shared producer and the node's transactional one, and time on a {@link MutableClock}
 * and a {@link ManualScheduler}. {@code OnexRuntime} itself is not used: it always opens a real consumer for
 * introspection requests, which needs a broker; the ITs cover the runtime's wiring of the node.
 */
final class MockKafkaPipeline implements AutoCloseable {

    static final String NODE = "kafka_event_effect";
    static final Path CONTRACT = Path.of("../contracts/kafka_event_effect.yaml");

    final MutableClock clock = MutableClock.atEpochSecond(1_701_446_400);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final ScriptedMockProducer producer;
    final ScriptedMockProducer transactional = new ScriptedMockProducer(true);
    final String nodeId = "kafka-event-effect-test1";
    final NodeContract contract;
    final NodeKafkaEventEffect node;
    final NodeInvoker invoker;
    private final ObjectMapper mapper = new ObjectMapper();

    private MockKafkaPipeline(boolean autoComplete, Map<String, String> env, UnaryOperator<NodeContract> tweak) {
        producer = new ScriptedMockProducer(autoComplete);
        contract = tweak.apply(loadContract(env));
        RuntimeConfig config = RuntimeConfig.fromEnvironment(env).withBootstrapServers("mock:9092");
        KafkaModule.ClientFactory clients = new KafkaModule.ClientFactory() {
            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> properties) {
                if (!properties.containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
                    throw new IllegalStateException("the node asked for a non-transactional producer");
                }
                return transactional;
            }

            @Override
            public Admin admin(Map<String, Object> properties) {
                throw new UnsupportedOperationException("the node needs no admin client");
            }
        };
        EnvelopeCodec codec = new EnvelopeCodec();
        // the runtime's own DLQ write policy, short: a dead-letter write is retried on the manual scheduler too
        DeadLetterRouter router = new DeadLetterRouter(producer, codec.mapper(), clock, scheduler,
                new io.onex.api.contract.RetrySpec(3, Duration.ofMillis(200), 2.0, Duration.ofSeconds(1), 0,
                        List.of(), List.of()), registry);
        node = new NodeKafkaEventEffect(contract, nodeId, config, producer, clients, codec, clock, router, registry);
        invoker = NodeInvoker.builder().contract(contract).node(node).nodeId(nodeId)
                .publisher(new KafkaEventPublisher(producer, codec, new EventSource("s", "effect", nodeId), Map.of(),
                        config::resolveTopic, clock))
                .deadLetterRouter(router).topicResolver(config::resolveTopic).mapper(codec.mapper()).clock(clock)
                .scheduler(scheduler).meterRegistry(registry).build();
    }

    static NodeContract loadContract(Map<String, String> env) {
        try {
            return new ContractLoader(env).load(CONTRACT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static MockKafkaPipeline start() {
        return new MockKafkaPipeline(true, Map.of(), c -> c);
    }

    static MockKafkaPipeline start(Map<String, String> env, UnaryOperator<NodeContract> tweak) {
        return new MockKafkaPipeline(true, env, tweak);
    }

    static MockKafkaPipeline startHoldingAcks(UnaryOperator<NodeContract> tweak) {
        return new MockKafkaPipeline(false, Map.of(), tweak);
    }

    CompletableFuture<Object> call(Object input) {
        return invoker.invoke(input, CallOptions.none()).toCompletableFuture();
    }

    List<ProducerRecord<byte[], byte[]>> sentTo(String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
    }

    JsonNode json(byte[] value) {
        try {
            return mapper.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A send failure Kafka calls retriable, as a broker outage gives. */
    static RetriableException brokerDown() {
        return new org.apache.kafka.common.errors.NotEnoughReplicasException("not enough in-sync replicas");
    }

    @Override
    public void close() throws InterruptedException {
        node.stop();
    }
}
