package io.onex.runtime.pipeline.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The meters of one node, all tagged {@code node=<contract name>}: {@code onex.node.calls} (tag
 * {@code outcome=success|failure}), {@code onex.node.retries}, {@code onex.node.dead_lettered},
 * {@code onex.node.latency} (whole call including retries; p50 and p99 published), {@code onex.node.breaker.state}
 * (0 closed, 1 open, 2 half-open, -1 disabled), {@code onex.node.active_calls}, and for a batch node
 * {@code onex.node.batch.size} (records per batch; its calls, retries and dead letters count records).
 */
public final class NodeMetrics {

    private final Counter successes;
    private final Counter failures;
    private final Counter retries;
    private final Counter deadLettered;
    private final Timer latency;
    private final MeterRegistry registry;
    private final String nodeName;
    private volatile DistributionSummary batchSizes;

    /**
     * Registers the node's meters.
     *
     * @param registry the registry
     * @param nodeName the contract name (tag {@code node})
     * @param breakerState supplies the breaker gauge value
     * @param activeCalls supplies the number of calls in progress
     */
    public NodeMetrics(MeterRegistry registry, String nodeName, IntSupplier breakerState, IntSupplier activeCalls) {
        this.registry = registry;
        this.nodeName = nodeName;
        successes = Counter.builder("onex.node.calls").tag("node", nodeName).tag("outcome", "success")
                .description("Calls of the node that succeeded").register(registry);
        failures = Counter.builder("onex.node.calls").tag("node", nodeName).tag("outcome", "failure")
                .description("Calls of the node that failed for good").register(registry);
        retries = Counter.builder("onex.node.retries").tag("node", nodeName)
                .description("Attempts after the first").register(registry);
        deadLettered = Counter.builder("onex.node.dead_lettered").tag("node", nodeName)
                .description("Failed calls written to the dead-letter topic").register(registry);
        latency = Timer.builder("onex.node.latency").tag("node", nodeName)
                .description("Duration of a whole call including retries")
                .publishPercentiles(0.5, 0.99).register(registry);
        // strong references: the suppliers are lambdas nothing else holds, and a weakly held gauge reads NaN
        Gauge.builder("onex.node.breaker.state", breakerState, s -> s.getAsInt()).tag("node", nodeName)
                .description("Circuit breaker state: 0 closed, 1 open, 2 half-open, -1 disabled")
                .strongReference(true).register(registry);
        Gauge.builder("onex.node.active_calls", activeCalls, s -> s.getAsInt()).tag("node", nodeName)
                .description("Calls in progress").strongReference(true).register(registry);
    }

    /** Counts a finished call and records its duration. */
    public void callFinished(boolean success, Duration duration) {
        (success ? successes : failures).increment();
        latency.record(duration);
    }

    /** Records the size of a batch handed to a batch node ({@code onex.node.batch.size}, registered on first use). */
    public void batchHandedIn(int size) {
        DistributionSummary s = batchSizes;
        if (s == null) {
            s = DistributionSummary.builder("onex.node.batch.size").tag("node", nodeName)
                    .description("Records per batch handed to a batch node").register(registry);
            batchSizes = s;
        }
        s.record(size);
    }

    /** Counts an attempt after the first. */
    public void retried() {
        retries.increment();
    }

    /** Counts a call written to the dead-letter topic. */
    public void deadLettered() {
        deadLettered.increment();
    }
}
