package io.onex.nodes.registry;

import com.google.inject.name.Named;
import io.onex.api.EffectNode;
import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeContext;
import io.onex.api.OutboundEvent;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.introspection.NodeHeartbeat;
import io.onex.runtime.introspection.NodeIntrospection;
import io.onex.runtime.introspection.RegistryIntrospectionRequest;
import io.onex.runtime.introspection.RegistryRequestReason;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge registry: consumes {@code node-introspection} and {@code node-heartbeat} and keeps the network's
 * {@link NodeDirectory} (rules there). On start it publishes {@code registry-request-introspection} (reason
 * {@code startup}, all node types), so a restarted registry rebuilds its view from the answers; every second it
 * re-judges liveness on the injected scheduler. A heartbeat from a live node whose introspection it has not seen makes
 * it ask that node's type to introspect again (reason {@code refresh}, rate-limited by {@link IntrospectionRefresher}).
 *
 * <p>Look nodes up through {@link #directory()}; in a runtime:
 * {@code runtime.node("bridge_registry", NodeBridgeRegistry.class).directory().findByName("kafka_event_effect")}.
 *
 * <p>A record that is neither an introspection nor a heartbeat, or whose payload cannot be read, fails with
 * {@link InvalidInputException} (not retried; dead-lettered as the contract says).
 */
public final class NodeBridgeRegistry implements EffectNode<EventEnvelope, RegistryUpdate> {

    /** How often liveness is re-judged: well under the 1 s minimum heartbeat interval's 2-interval threshold. */
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(NodeBridgeRegistry.class);

    private final String nodeId;
    private final ScheduledExecutorService scheduler;
    private final NodeDirectory directory;
    private final IntrospectionRefresher refresher;
    private ScheduledFuture<?> sweepTask;

    /**
     * @param nodeId this registry instance's id: the request's {@code registry_id}
     * @param clock judges liveness and measures the refresh backoff
     * @param scheduler runs the liveness sweep
     */
    @Inject
    public NodeBridgeRegistry(@Named("nodeId") String nodeId, Clock clock, ScheduledExecutorService scheduler) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.directory = new NodeDirectory(clock);
        this.refresher = new IntrospectionRefresher(this.nodeId, directory, clock);
    }

    /** The registry's view of the network. */
    public NodeDirectory directory() {
        return directory;
    }

    @Override
    public Class<EventEnvelope> inputType() {
        return EventEnvelope.class;
    }

    /** Asks every node to introspect (without waiting for the broker) and starts the liveness sweep. */
    @Override
    public synchronized void start(NodeContext context) {
        RegistryIntrospectionRequest request = RegistryIntrospectionRequest.toAll(nodeId, RegistryRequestReason.STARTUP);
        try {
            context.publisher().publish(OutboundEvent.builder(BridgeTopics.REGISTRY_REQUEST_INTROSPECTION,
                            EventTypes.REGISTRY_REQUEST_INTROSPECTION).payload(request.toPayload()).build())
                    .whenComplete((ok, failure) -> {
                        if (failure != null) {
                            LOG.warn("registry {}: startup introspection request not published; nodes will be known"
                                    + " from their next heartbeat: {}", nodeId, failure.toString());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warn("registry {}: startup introspection request not published; nodes will be known from their next"
                    + " heartbeat: {}", nodeId, e.toString());
        }
        long every = SWEEP_INTERVAL.toMillis();
        sweepTask = scheduler.scheduleAtFixedRate(this::sweep, every, every, TimeUnit.MILLISECONDS);
        LOG.info("registry {} started: introspection requested, liveness judged every {} ms", nodeId, every);
    }

    @Override
    public CompletionStage<RegistryUpdate> executeEffect(EventEnvelope event, NodeContext context) {
        Instant sentAt = event.timestamp();
        boolean applied;
        NodeHeartbeat heartbeat = null;
        try {
            if (EventTypes.NODE_INTROSPECTION.equalsIgnoreCase(event.eventType())) {
                applied = directory.applyIntrospection(NodeIntrospection.fromPayload(event.payload()), sentAt);
            } else if (EventTypes.NODE_HEARTBEAT.equalsIgnoreCase(event.eventType())) {
                heartbeat = NodeHeartbeat.fromPayload(event.payload());
                applied = directory.applyHeartbeat(heartbeat, sentAt);
            } else {
                throw new InvalidInputException("event_type is '" + event.eventType() + "': expected '"
                        + EventTypes.NODE_INTROSPECTION + "' or '" + EventTypes.NODE_HEARTBEAT + "'");
            }
        } catch (InvalidInputException e) {
            return CompletableFuture.failedFuture(e);
        } catch (IllegalArgumentException e) {
            // an enum or range the payload readers refused: it will not read better next time
            return CompletableFuture.failedFuture(new InvalidInputException(event.eventType() + ": " + e.getMessage(), e));
        }
        if (applied && heartbeat != null) {
            String heartbeatOf = heartbeat.nodeId();
            directory.find(heartbeatOf).ifPresent(entry -> refresher.heartbeatApplied(entry, context.publisher()));
        }
        return CompletableFuture.completedFuture(applied ? RegistryUpdate.APPLIED : RegistryUpdate.IGNORED);
    }

    /** Stops the liveness sweep. */
    @Override
    public synchronized void stop() {
        if (sweepTask != null) {
            sweepTask.cancel(false);
        }
    }

    /** One sweep. Must never throw: an exception would cancel every later sweep of the fixed-rate task. */
    private void sweep() {
        try {
            directory.sweep();
        } catch (RuntimeException e) {
            LOG.warn("registry {}: liveness sweep failed, next one in {} ms: {}", nodeId, SWEEP_INTERVAL.toMillis(),
                    e.toString());
        }
    }
}
