package io.onex.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.onex.runtime.lag.GroupVerdict;
import io.onex.runtime.lag.LagWindow;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches the consumer groups of the runtime's subscribing nodes: every {@link LagWindow#interval()} the runtime's
 * scheduler hands a sample to a thread of its own (admin calls block; the scheduler's threads run backoff and
 * heartbeats), and each node's heartbeat and {@code /health} then carry its group's verdict.
 */
final class GroupHealthPart implements RuntimePart {
    private final NodesPart nodes;
    private final EmbeddedBrokerPart broker;
    private final SharedServicesPart shared;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final MeterRegistry registry;
    private final AtomicBoolean sampling = new AtomicBoolean();
    private GroupHealthMonitor monitor;
    private ExecutorService sampler;
    private ScheduledFuture<?> task;

    GroupHealthPart(NodesPart nodes, EmbeddedBrokerPart broker, SharedServicesPart shared,
            ScheduledExecutorService scheduler, Clock clock, MeterRegistry registry) {
        this.nodes = nodes;
        this.broker = broker;
        this.shared = shared;
        this.scheduler = scheduler;
        this.clock = clock;
        this.registry = registry;
    }

    @Override
    public String name() {
        return "consumer group health";
    }

    @Override
    public void start() {
        List<GroupWatch> watches = GroupWatch.of(nodes.nodes().values().stream().map(n -> n.contract).toList(),
                broker.config().groupHealthThresholds());
        if (watches.isEmpty()) {
            return;
        }
        LagWindow window = broker.config().lagWindow();
        monitor = new GroupHealthMonitor(shared.services().admin, watches, window, clock, registry);
        for (RunningNode n : nodes.nodes().values()) {
            n.contract.consumer().ifPresent(c -> n.groupHealth = () -> monitor.health(c.groupId()));
        }
        sampler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "onex-group-health");
            t.setDaemon(true);
            return t;
        });
        long every = window.interval().toMillis();
        task = scheduler.scheduleAtFixedRate(this::handOff, every, every, TimeUnit.MILLISECONDS);
    }

    /** One sample at a time: a slow cluster skips ticks rather than queueing them. */
    private void handOff() {
        if (sampling.compareAndSet(false, true)) {
            try {
                sampler.execute(() -> {
                    try {
                        monitor.sample();
                    } finally {
                        sampling.set(false);
                    }
                });
            } catch (RuntimeException rejected) {
                sampling.set(false); // closing
            }
        }
    }

    /** Each sampled group's newest verdict. */
    Map<String, GroupVerdict> verdicts() {
        return monitor == null ? Map.of() : monitor.verdicts();
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}
