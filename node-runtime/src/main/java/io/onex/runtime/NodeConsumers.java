package io.onex.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.onex.api.contract.ConsumerSpec;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.inject.KafkaModule;
import io.onex.runtime.kafka.BatchRecordHandler;
import io.onex.runtime.kafka.ConsumerLoop;
import io.onex.runtime.kafka.ConsumerLoopBuilder;
import io.onex.runtime.kafka.FlowGate;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.RecordHandler;
import io.onex.runtime.payload.PayloadSchemas;
import io.onex.runtime.pipeline.NodeBatchRecordHandler;
import io.onex.runtime.pipeline.NodeRecordHandler;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Makes consumer loops: one per subscribing node (handing a batch node the records of a poll in batches, every other
 * node one record at a time), and the runtime's listeners.
 */
final class NodeConsumers {
    static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private final EnvelopeCodec codec;
    private final DeadLetterRouter router;
    private final MeterRegistry registry;
    private final KafkaModule.ClientFactory clients;
    private final PayloadSchemas payloadSchemas;
    /** The groups of this runtime instance alone, which it removes from the cluster when it closes. */
    private final Set<String> ownGroups = ConcurrentHashMap.newKeySet();

    @Inject
    NodeConsumers(EnvelopeCodec codec, DeadLetterRouter router, MeterRegistry registry,
            KafkaModule.ClientFactory clients, PayloadSchemas payloadSchemas) {
        this.payloadSchemas = payloadSchemas;
        this.codec = codec;
        this.router = router;
        this.registry = registry;
        this.clients = clients;
    }

    /**
     * @param ownGroup whether the node's group is this runtime instance's alone (see
     *     {@link OnexRuntime.Builder#privateNodeGroups}): it then commits no offsets and is removed at close
     */
    ConsumerLoop forNode(RunningNode node, RuntimeConfig config, boolean ownGroup) {
        ConsumerSpec spec = node.contract.consumer().orElseThrow();
        List<String> topics = node.contract.topics().subscribe().stream().map(config::resolveTopic).toList();
        // a stable ONEX_INSTANCE_ID makes the node id stable: a static member, whose restart gets its partitions back
        // without a rebalance; a random one per start would only leave a ghost member behind
        String staticId = config.instanceId().isPresent() ? node.nodeId : null;
        if (ownGroup) {
            ownGroups.add(spec.groupId());
        }
        Consumer<byte[], byte[]> consumer = clients.consumer(KafkaClientProperties.consumer(
                config.kafkaClientProperties(), spec.groupId(), node.nodeId, spec.maxPollRecords(),
                config.sessionTimeoutMs(), spec.autoOffsetReset(), config.groupProtocol(), staticId));
        ConsumerLoopBuilder loop = ConsumerLoop.builder(node.contract.name(), consumer).topics(topics);
        if (node.invoker.takesBatches()) {
            loop.batchHandler(batchHandlerFor(node), spec.batchSize());
        } else {
            loop.handler(handlerFor(node));
        }
        return loop.gate(node.invoker.flowGate()).maxInFlight(spec.maxInFlight()).pollTimeout(POLL_TIMEOUT)
                .meterRegistry(registry).commitOffsets(!ownGroup).build();
    }

    /** What a node's consumer loop hands each record to. */
    RecordHandler handlerFor(RunningNode node) {
        return new NodeRecordHandler(node.invoker, codec, router, node.nodeId, payloadSchemas);
    }

    /** What a node's consumer loop hands the records of a poll to: a batch node's batches, else each record alone. */
    BatchRecordHandler batchHandlerFor(RunningNode node) {
        if (!node.invoker.takesBatches()) {
            RecordHandler each = handlerFor(node);
            return records -> records.stream().map(each::handle).toList();
        }
        // a node without a consumer block consumes nothing but a test kit's deliveries: the contract default then
        int batchSize = node.contract.consumer().map(ConsumerSpec::batchSize).orElse(500);
        return new NodeBatchRecordHandler(node.invoker, codec, router, node.nodeId, payloadSchemas, batchSize);
    }

    ConsumerLoop listener(String name, String groupId, Collection<String> topics, RecordHandler handler,
            RuntimeConfig config) {
        return listener(name, groupId, topics, handler, config, "latest");
    }

    /** A listener starting, when its group has no committed offset, at {@code autoOffsetReset}. */
    ConsumerLoop listener(String name, String groupId, Collection<String> topics, RecordHandler handler,
            RuntimeConfig config, String autoOffsetReset) {
        return listener(name, groupId, topics, handler, config, autoOffsetReset, 100, 100);
    }

    /**
     * A listener with its own bounds: records per poll, and records handed out and not done before polling pauses
     * (a handler that completes only when a reply is acknowledged needs room for a broker round trip's worth).
     */
    ConsumerLoop listener(String name, String groupId, Collection<String> topics, RecordHandler handler,
            RuntimeConfig config, String autoOffsetReset, int maxPollRecords, int maxInFlight) {
        return loop(name, groupId, topics, handler, config, autoOffsetReset, maxPollRecords, maxInFlight, true, null)
                .build();
    }

    /**
     * A node's request consumer ({@code docs/remote-calls.md}): a listener with its own bounds, in the group every
     * instance of the node shares, and, with a stable {@code ONEX_INSTANCE_ID}, a static member under the node's id
     * (as the node's own consumer is): a restarted instance gets its request partitions back without a rebalance.
     */
    ConsumerLoop requestListener(RunningNode node, String groupId, Collection<String> topics, RecordHandler handler,
            RuntimeConfig config, int maxPollRecords, int maxInFlight, Duration commitInterval) {
        String staticId = config.instanceId().isPresent() ? node.nodeId : null;
        return loop("requests of " + node.contract.name(), groupId, topics, handler, config, "earliest",
                maxPollRecords, maxInFlight, true, staticId).commitInterval(commitInterval).build();
    }

    /**
     * A listener in a group of this runtime instance's own ({@code onex-directory-<runtime id>}, say), which no
     * other process reads and a restart replaces with a new one: it commits no offsets, so the group is gone from
     * the cluster once the runtime is, rather than left behind with lag and no members. The runtime deletes it
     * when it closes ({@link #ownGroups()}): an empty group without offsets would otherwise stay listed until the
     * coordinator's next clean-up (offsets.retention.check.interval.ms, 10 minutes by default).
     */
    ConsumerLoop privateListener(String name, String groupId, Collection<String> topics, RecordHandler handler,
            RuntimeConfig config, String autoOffsetReset) {
        ownGroups.add(groupId);
        return loop(name, groupId, topics, handler, config, autoOffsetReset, 100, 100, false, null).build();
    }

    /** The groups of this runtime instance alone, made so far: private listeners' and own node groups'. */
    Set<String> ownGroups() {
        return Set.copyOf(ownGroups);
    }

    private ConsumerLoopBuilder loop(String name, String groupId, Collection<String> topics, RecordHandler handler,
            RuntimeConfig config, String autoOffsetReset, int maxPollRecords, int maxInFlight, boolean commit,
            String groupInstanceId) {
        Consumer<byte[], byte[]> consumer = clients.consumer(KafkaClientProperties.consumer(
                config.kafkaClientProperties(), groupId, groupId, maxPollRecords, config.sessionTimeoutMs(),
                autoOffsetReset, config.groupProtocol(), groupInstanceId));
        return ConsumerLoop.builder(name, consumer).topics(topics).handler(handler).gate(FlowGate.ALWAYS_OPEN)
                .maxInFlight(maxInFlight).pollTimeout(POLL_TIMEOUT).meterRegistry(registry).commitOffsets(commit);
    }
}
