package io.onex.runtime.dashboard;

import io.onex.api.topic.BridgeTopics;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.dashboard.internal.TopicFollower;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds a {@link NodeDirectory} from the registry topics for a dashboard outside any runtime ({@code onex
 * dashboard}): every introspection held (they are few), the latest heartbeats of each partition, and a liveness
 * sweep each second, so that a silent node turns suspect on the page as the registry would judge it. A runtime needs
 * none: its own directory is fed already.
 */
public final class RegistryFeed implements AutoCloseable {

    private static final long HEARTBEAT_BACKLOG = 5_000;
    private static final Duration SWEEP = Duration.ofSeconds(1);

    private final List<TopicFollower> followers;
    private final ScheduledExecutorService sweeper;

    /**
     * Starts following.
     *
     * @param directory the directory to feed
     * @param config the cluster and the topic names
     */
    public RegistryFeed(NodeDirectory directory, RuntimeConfig config) {
        EnvelopeCodec codec = new EnvelopeCodec();
        String introspection = config.resolveTopic(BridgeTopics.NODE_INTROSPECTION);
        String heartbeat = config.resolveTopic(BridgeTopics.NODE_HEARTBEAT);
        followers = List.of(
                new TopicFollower("introspections", Dashboard.consumerProperties(config), () -> Set.of(introspection),
                        Long.MAX_VALUE / 2, Duration.ofSeconds(5), r -> directory.applyEvent(codec.decode(r.value()))),
                new TopicFollower("heartbeats", Dashboard.consumerProperties(config), () -> Set.of(heartbeat),
                        HEARTBEAT_BACKLOG, Duration.ofSeconds(5), r -> directory.applyEvent(codec.decode(r.value()))));
        followers.forEach(TopicFollower::start);
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "onex-dashboard-sweep");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleAtFixedRate(directory::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        followers.forEach(TopicFollower::close);
    }
}
