package io.onex.runtime;

import io.onex.api.OnexNode;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.health.NodeStatusSource;
import io.onex.runtime.introspection.IntrospectionBroadcaster;
import io.onex.runtime.kafka.ConsumerLoop;
import io.onex.runtime.kafka.KafkaEventPublisher;
import io.onex.runtime.pipeline.NodeInvoker;
import io.onex.runtime.resilience.BreakerState;
import java.time.Instant;
import java.util.function.Supplier;

/** One node as the runtime holds it: instance, publisher, pipeline, optional consumer loop, broadcaster. */
final class RunningNode implements NodeStatusSource {
    final NodeContract contract;
    final String nodeId;
    final OnexNode<?, ?> instance;
    final KafkaEventPublisher publisher;
    /** The node's introspection and heartbeats: on the runtime's producer of signals (linger 0). */
    final KafkaEventPublisher signals;
    final NodeInvoker invoker;
    ConsumerLoop consumer;
    IntrospectionBroadcaster broadcaster;
    /** The health of the node's consumer group by its lag verdict; set by {@link GroupHealthPart}. */
    volatile Supplier<HealthStatus> groupHealth = () -> HealthStatus.HEALTHY;

    RunningNode(NodeContract contract, String nodeId, OnexNode<?, ?> instance, KafkaEventPublisher publisher,
            KafkaEventPublisher signals, NodeInvoker invoker) {
        this.contract = contract;
        this.nodeId = nodeId;
        this.instance = instance;
        this.publisher = publisher;
        this.signals = signals;
        this.invoker = invoker;
    }

    @Override
    public BreakerState breakerState() {
        return invoker.breakerState();
    }

    @Override
    public boolean consumerHealthy() {
        return consumer == null || (consumer.isRunning() && consumer.failure().isEmpty());
    }

    @Override
    public int activeOperations() {
        return invoker.activeCalls();
    }

    @Override
    public Instant lastActivity() {
        return invoker.lastActivity();
    }

    @Override
    public HealthStatus groupHealth() {
        return groupHealth.get();
    }
}
