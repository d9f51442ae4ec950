package io.onex.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.onex.api.contract.ConsumerSpec;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.ConsumerLoop;
import io.onex.runtime.kafka.FlowGate;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.RecordHandler;
import io.onex.runtime.pipeline.NodeRecordHandler;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Makes consumer loops: one per subscribing node, and the runtime's introspection-request listener. */
final class NodeConsumers {
    static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private final EnvelopeCodec codec;
    private final DeadLetterRouter router;
    private final MeterRegistry registry;

    @Inject
    NodeConsumers(EnvelopeCodec codec, DeadLetterRouter router, MeterRegistry registry) {
        this.codec = codec;
        this.router = router;
        this.registry = registry;
    }

    ConsumerLoop forNode(RunningNode node, RuntimeConfig config) {
        ConsumerSpec spec = node.contract.consumer().orElseThrow();
        List<String> topics = node.contract.topics().subscribe().stream().map(config::resolveTopic).toList();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientProperties.consumer(
                config.kafkaClientProperties(), spec.groupId(), node.nodeId, spec.maxPollRecords(),
                config.sessionTimeoutMs(), spec.autoOffsetReset()));
        RecordHandler handler = new NodeRecordHandler(node.invoker, codec, router, node.nodeId);
        return new ConsumerLoop(node.contract.name(), consumer, topics, handler, node.invoker.flowGate(),
                spec.maxInFlight(), POLL_TIMEOUT, registry);
    }

    ConsumerLoop listener(String name, String groupId, Collection<String> topics, RecordHandler handler,
            RuntimeConfig config) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientProperties.consumer(
                config.kafkaClientProperties(), groupId, groupId, 100, config.sessionTimeoutMs(), "latest"));
        return new ConsumerLoop(name, consumer, topics, handler, FlowGate.ALWAYS_OPEN, 100, POLL_TIMEOUT, registry);
    }
}
