package io.onex.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.api.EventPublisher;
import io.onex.api.OnexNode;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.pipeline.NodeInvoker;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/** Builds each node's pipeline from its contract and the runtime's shared services. */
final class NodeInvokerFactory {
    private final DeadLetterRouter router;
    private final RuntimeConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final MeterRegistry registry;

    @Inject
    NodeInvokerFactory(DeadLetterRouter router, RuntimeConfig config, ObjectMapper mapper, Clock clock,
            ScheduledExecutorService scheduler, MeterRegistry registry) {
        this.router = router;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
        this.scheduler = scheduler;
        this.registry = registry;
    }

    NodeInvoker create(NodeContract contract, OnexNode<?, ?> node, String nodeId, EventPublisher publisher) {
        return NodeInvoker.builder().contract(contract).node(node).nodeId(nodeId).publisher(publisher)
                .deadLetterRouter(router).topicResolver(config::resolveTopic).mapper(mapper).clock(clock)
                .scheduler(scheduler).meterRegistry(registry).build();
    }
}
