package io.onex.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.onex.api.contract.NodeContract;
import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.health.HealthReport;
import io.onex.runtime.health.NodeStatusSource;
import io.onex.runtime.health.RuntimeHealth;
import io.onex.runtime.introspection.IntrospectionBroadcaster;
import io.onex.runtime.lag.GroupVerdict;
import io.onex.runtime.introspection.IntrospectionRequestHandler;
import io.onex.runtime.introspection.NodeDescriptor;
import io.onex.runtime.introspection.ResourceUsageSource;
import io.onex.runtime.kafka.ConsumerLoop;
import io.onex.runtime.remote.RemoteTopics;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * The runtime's side of discovery: one {@link IntrospectionBroadcaster} per node (startup introspection, heartbeats,
 * shutdown introspection) and one listener answering {@code registry-request-introspection} for all of them.
 */
final class RuntimeIntrospection {
    private static final Duration LISTENER_CLOSE = Duration.ofSeconds(5);
    private final EnvelopeCodec codec;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final MeterRegistry registry;
    private final NodeConsumers consumers;
    private final List<IntrospectionBroadcaster> broadcasters = new ArrayList<>();
    private ConsumerLoop listener;

    @Inject
    RuntimeIntrospection(EnvelopeCodec codec, Clock clock, ScheduledExecutorService scheduler, MeterRegistry registry,
            NodeConsumers consumers) {
        this.codec = codec;
        this.clock = clock;
        this.scheduler = scheduler;
        this.registry = registry;
        this.consumers = consumers;
    }

    void start(Collection<RunningNode> nodes, RuntimeConfig config, String runtimeId, Map<String, String> endpoints) {
        long epoch = clock.millis();
        for (RunningNode n : nodes) {
            NodeContract c = n.contract;
            NodeDescriptor descriptor = new NodeDescriptor(n.nodeId, c,
                    c.topics().subscribe().stream().map(config::resolveTopic).toList(),
                    c.topics().publish().stream().map(config::resolveTopic).toList(),
                    List.of(operationOf(c)), endpoints,
                    Map.of("runtime_id", runtimeId, "service", config.serviceName(), "environment", config.env(),
                            NodeDirectory.REQUEST_TOPIC, config.resolveTopic(RemoteTopics.requestTopic(c))),
                    config.env() + "." + config.tenant(), runtimeId, epoch);
            IntrospectionBroadcaster b = new IntrospectionBroadcaster(descriptor, n, n.signals, clock, scheduler,
                    registry, ResourceUsageSource.jvm());
            n.broadcaster = b;
            broadcasters.add(b);
            b.start();
        }
        // every runtime instance must see every request: a group of its own, starting at the latest offset
        listener = consumers.privateListener("introspection-requests", "onex-introspection-" + runtimeId,
                List.of(config.resolveTopic(BridgeTopics.REGISTRY_REQUEST_INTROSPECTION)),
                new IntrospectionRequestHandler(codec, List.copyOf(broadcasters), registry), config, "latest");
        listener.start();
    }

    private static String operationOf(NodeContract c) {
        return switch (c.nodeType()) {
            case EFFECT -> "execute_effect";
            case COMPUTE -> "compute";
            case REDUCER -> "reduce";
            case ORCHESTRATOR -> "orchestrate";
        };
    }

    void close(boolean announceShutdown) {
        if (listener != null) {
            listener.close(LISTENER_CLOSE);
        }
        for (IntrospectionBroadcaster b : broadcasters) {
            if (announceShutdown) {
                b.close();
            } else {
                b.abandon();
            }
        }
    }

    HealthReport health(Map<String, RunningNode> nodes, BooleanSupplier brokerReachable,
            Map<String, GroupVerdict> groups) {
        Map<String, NodeStatusSource> status = new LinkedHashMap<>(nodes);
        BooleanSupplier threadsAlive = () -> nodes.values().stream().allMatch(NodeStatusSource::consumerHealthy)
                && (listener == null || listener.isRunning());
        return new RuntimeHealth(threadsAlive, brokerReachable, status, () -> assignments(nodes), () -> groups, clock)
                .report();
    }

    private static Map<String, Integer> assignments(Map<String, RunningNode> nodes) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (RunningNode n : nodes.values()) {
            if (n.consumer != null) {
                out.put(n.contract.name(), n.consumer.assignment().size());
            }
        }
        return out;
    }
}
