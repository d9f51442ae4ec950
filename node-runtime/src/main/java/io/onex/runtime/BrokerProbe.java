package io.onex.runtime;

import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Answers "is the broker reachable" for /health, asking the cluster at most every few seconds so that a scraper
 * polling /health does not hammer the brokers.
 */
final class BrokerProbe {
    private static final long CACHE_MILLIS = 3_000;
    private final Admin admin;
    private final Clock clock;
    private long checkedAt = Long.MIN_VALUE;
    private boolean reachable;

    @Inject
    BrokerProbe(Admin admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    synchronized boolean reachable() {
        long now = clock.millis();
        if (checkedAt != Long.MIN_VALUE && now - checkedAt < CACHE_MILLIS) {
            return reachable;
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes().get(2_500, TimeUnit.MILLISECONDS);
            reachable = true;
        } catch (Exception e) {
            reachable = false;
        }
        checkedAt = now;
        return reachable;
    }
}
