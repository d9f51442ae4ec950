package io.onex.runtime.introspection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.onex.api.EventPublisher;
import io.onex.api.OutboundEvent;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.EventTypes;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.health.NodeHealthRule;
import io.onex.runtime.health.NodeStatusSource;
import io.onex.runtime.resilience.BreakerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces one node to the registry: {@code node-introspection} on start, on a registry's request and on shutdown,
 * and {@code node-heartbeat} every {@link io.onex.api.contract.NodeContract#heartbeatInterval()} in between.
 *
 * <p>Heartbeats run on the injected scheduler, so tests drive them with a manual one. A failed publish is logged
 * (once when heartbeats start failing, once when they recover) and counted in
 * {@value #PUBLISH_FAILURES}; it never cancels later heartbeats. Records are keyed by node id, so one node's
 * introspections and heartbeats stay in order on one partition.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()} (idempotent). Thread-safe.
 */
public final class IntrospectionBroadcaster implements AutoCloseable {

    /** Counter of failed introspection and heartbeat publishes, tagged {@code node_id} and {@code event_type}. */
    public static final String PUBLISH_FAILURES = "onex.introspection.publish_failures";

    /** How long {@link #close()} waits for the shutdown introspection to be acknowledged. */
    static final Duration SHUTDOWN_PUBLISH_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(IntrospectionBroadcaster.class);

    private enum State { NEW, RUNNING, CLOSED }

    private final NodeDescriptor descriptor;
    private final NodeStatusSource status;
    private final EventPublisher publisher;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ResourceUsageSource resources;
    private final Counter introspectionFailures;
    private final Counter heartbeatFailures;
    private final AtomicBoolean heartbeatFailing = new AtomicBoolean();
    private final Object lock = new Object();
    private State state = State.NEW;
    private ScheduledFuture<?> heartbeatTask;

    /**
     * A broadcaster counting failures in Micrometer's global registry and sampling the JVM's resource usage.
     *
     * @param descriptor who the node is
     * @param status the node's live status
     * @param publisher publishes the events (resolves the topic references)
     * @param clock the clock for uptime
     * @param scheduler runs the heartbeats
     */
    public IntrospectionBroadcaster(NodeDescriptor descriptor, NodeStatusSource status, EventPublisher publisher,
            Clock clock, ScheduledExecutorService scheduler) {
        this(descriptor, status, publisher, clock, scheduler, Metrics.globalRegistry, ResourceUsageSource.jvm());
    }

    /**
     * @param descriptor who the node is
     * @param status the node's live status
     * @param publisher publishes the events (resolves the topic references)
     * @param clock the clock for uptime
     * @param scheduler runs the heartbeats
     * @param registry where {@value #PUBLISH_FAILURES} is counted
     * @param resources samples memory and CPU for heartbeats
     */
    public IntrospectionBroadcaster(NodeDescriptor descriptor, NodeStatusSource status, EventPublisher publisher,
            Clock clock, ScheduledExecutorService scheduler, MeterRegistry registry, ResourceUsageSource resources) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.status = Objects.requireNonNull(status, "status");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.resources = Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(registry, "registry");
        this.introspectionFailures = failureCounter(registry, EventTypes.NODE_INTROSPECTION);
        this.heartbeatFailures = failureCounter(registry, EventTypes.NODE_HEARTBEAT);
    }

    /** Who the node is. */
    public NodeDescriptor descriptor() {
        return descriptor;
    }

    /**
     * Publishes {@code node-introspection} (reason {@code startup}) without waiting for it, and schedules a heartbeat
     * every heartbeat interval, the first one interval from now.
     *
     * @throws IllegalStateException when already started or closed
     */
    public void start() {
        long intervalMillis = descriptor.contract().heartbeatInterval().toMillis();
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("introspection of node " + descriptor.nodeId()
                        + " cannot start: it is " + (state == State.RUNNING ? "already started" : "closed"));
            }
            state = State.RUNNING;
            publishIntrospection(IntrospectionReason.STARTUP, null);
            heartbeatTask = scheduler.scheduleAtFixedRate(this::heartbeatTick, intervalMillis, intervalMillis,
                    TimeUnit.MILLISECONDS);
        }
        LOG.info("node {} announced ({} {}), heartbeat every {} ms", descriptor.nodeId(),
                descriptor.contract().nodeType().wireName(), descriptor.contract().name(), intervalMillis);
    }

    /**
     * Answers a registry's request: publishes {@code node-introspection} (reason {@code registry_request}) with the
     * request's correlation id when the request targets this node's type and the broadcaster is running.
     *
     * @param request the decoded request
     * @param requestCorrelationId the request envelope's correlation id
     * @return completes when the answer is acknowledged (at once when there is nothing to answer), exceptionally
     *         when publishing failed (already logged and counted)
     */
    public CompletionStage<?> answer(RegistryIntrospectionRequest request, String requestCorrelationId) {
        Objects.requireNonNull(request, "request");
        if (!request.targets(descriptor.contract().nodeType()) || !running()) {
            return CompletableFuture.completedFuture(null);
        }
        LOG.debug("node {} answers introspection request of registry {} (correlation {})", descriptor.nodeId(),
                request.registryId(), requestCorrelationId);
        return publishIntrospection(IntrospectionReason.REGISTRY_REQUEST, requestCorrelationId);
    }

    /**
     * Re-announces the node ({@code node-introspection}, reason {@code refresh}), e.g. after its endpoints changed.
     *
     * @return completes when acknowledged (at once when not running), exceptionally when publishing failed
     */
    public CompletionStage<?> refresh() {
        return running() ? publishIntrospection(IntrospectionReason.REFRESH, null) : CompletableFuture.completedFuture(null);
    }

    /**
     * Stops heartbeats and, if started, publishes {@code node-introspection} (reason {@code shutdown}), waiting up
     * to 5 s for it. Idempotent; never throws for a failed publish.
     */
    @Override
    public void close() {
        if (stopHeartbeats()) {
            announceShutdown();
        }
    }

    /**
     * Stops heartbeats without the shutdown introspection, as a crashed process would: the registry sees the node
     * go silent, turn suspect and expire. Idempotent.
     */
    public void abandon() {
        if (stopHeartbeats()) {
            LOG.info("node {} abandoned: heartbeats stopped without a shutdown introspection", descriptor.nodeId());
        }
    }

    /** @return whether it was running (and so has something to announce) */
    private boolean stopHeartbeats() {
        ScheduledFuture<?> task;
        boolean wasRunning;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return false;
            }
            wasRunning = state == State.RUNNING;
            state = State.CLOSED;
            task = heartbeatTask;
        }
        if (task != null) {
            task.cancel(false);
        }
        return wasRunning;
    }

    private void announceShutdown() {
        try {
            publishIntrospection(IntrospectionReason.SHUTDOWN, null).toCompletableFuture()
                    .get(SHUTDOWN_PUBLISH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("node {} withdrawn: shutdown introspection published", descriptor.nodeId());
        } catch (ExecutionException e) {
            // already logged and counted by publishIntrospection
        } catch (TimeoutException e) {
            LOG.warn("node {}: shutdown introspection not acknowledged within {} ms; the registry will expire the node"
                    + " after missed heartbeats", descriptor.nodeId(), SHUTDOWN_PUBLISH_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The heartbeat as of now. */
    NodeHeartbeat currentHeartbeat() {
        Instant now = clock.instant();
        BreakerState breaker = status.breakerState();
        HealthStatus health = NodeHealthRule.evaluate(breaker, status.consumerHealthy()).worse(status.groupHealth());
        long uptimeSeconds = Math.max(0, (now.toEpochMilli() - descriptor.epoch()) / 1000);
        Instant lastActivity = status.lastActivity();
        if (lastActivity == null) {
            lastActivity = Instant.ofEpochMilli(descriptor.epoch());
        }
        return new NodeHeartbeat(descriptor.nodeId(), descriptor.contract().nodeType(), health, uptimeSeconds,
                lastActivity, status.activeOperations(), sampleResources(), Map.of(descriptor.contract().name(), breaker.wireName()),
                descriptor.contract().heartbeatInterval(), descriptor.epoch());
    }

    private boolean running() {
        synchronized (lock) {
            return state == State.RUNNING;
        }
    }

    /** One heartbeat. Must never throw: an exception would cancel every later heartbeat of the fixed-rate task. */
    private void heartbeatTick() {
        if (!running()) {
            return; // closed while this tick was already queued: no heartbeat after the shutdown introspection
        }
        CompletionStage<?> sent;
        try {
            sent = send(BridgeTopics.NODE_HEARTBEAT, EventTypes.NODE_HEARTBEAT, currentHeartbeat().toPayload(), null);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                heartbeatFailures.increment();
                if (heartbeatFailing.compareAndSet(false, true)) {
                    LOG.warn("node {}: heartbeat not published, will keep trying every interval: {}",
                            descriptor.nodeId(), describe(failure));
                } else {
                    LOG.debug("node {}: heartbeat not published: {}", descriptor.nodeId(), describe(failure));
                }
            } else if (heartbeatFailing.compareAndSet(true, false)) {
                LOG.info("node {}: heartbeats published again", descriptor.nodeId());
            }
        });
    }

    private CompletionStage<?> publishIntrospection(IntrospectionReason reason, String correlationId) {
        CompletionStage<?> sent;
        try {
            sent = send(BridgeTopics.NODE_INTROSPECTION, EventTypes.NODE_INTROSPECTION,
                    descriptor.introspection(reason).toPayload(), correlationId);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                introspectionFailures.increment();
                LOG.warn("node {}: introspection ({}) not published{}: {}", descriptor.nodeId(), reason.wireName(),
                        correlationId == null ? "" : " (correlation " + correlationId + ")", describe(failure));
            }
        });
    }

    private CompletionStage<?> send(String topic, String eventType, Map<String, Object> payload, String correlationId) {
        OutboundEvent event = OutboundEvent.builder(topic, eventType)
                .payload(payload)
                .correlationId(correlationId)
                .partitionKey(descriptor.nodeId())
                .build();
        return publisher.publish(event);
    }

    private ResourceUsage sampleResources() {
        try {
            return resources.sample();
        } catch (RuntimeException e) {
            // a heartbeat without resource numbers beats no heartbeat
            LOG.debug("node {}: resource usage not sampled: {}", descriptor.nodeId(), e.toString());
            return ResourceUsage.NONE;
        }
    }

    private Counter failureCounter(MeterRegistry registry, String eventType) {
        return Counter.builder(PUBLISH_FAILURES)
                .description("Introspection and heartbeat events that could not be published")
                .tag("node_id", descriptor.nodeId())
                .tag("event_type", eventType)
                .register(registry);
    }

    private static String describe(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
