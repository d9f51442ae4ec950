package io.onex.runtime.cli;

import io.onex.runtime.ops.ClusterSession;
import io.onex.runtime.ops.ClusterUnreachableException;
import java.time.Duration;
import java.util.Map;

/**
 * {@code serve --wait-for-broker D}: asks the cluster until it answers or {@code D} has passed, with a progress
 * line per failed try, for orchestrated starts where the service may come up before its brokers.
 */
final class BrokerWait {
    /** A try that fails faster than this (an unresolvable name, say) waits out the rest before the next one. */
    private static final long MIN_TRY_MILLIS = 1_000;

    private BrokerWait() {
    }

    /**
     * @throws ClusterUnreachableException the last try's failure, when the cluster never answered in time
     */
    static void await(String servers, Map<String, String> environment, Duration patience, Progress progress)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            long tryStart = System.nanoTime();
            try {
                ClusterSession.open(servers, environment,
                        Duration.ofMillis(Math.max(1_000, Math.min(left, ClusterSession.REACH_TIMEOUT.toMillis()))))
                        .close();
                progress.line("cluster %s answered", servers);
                return;
            } catch (ClusterUnreachableException e) {
                long leftAfter = (deadline - System.nanoTime()) / 1_000_000;
                if (leftAfter <= 0) {
                    throw e;
                }
                progress.line("waiting for the cluster at %s (%d s left of --wait-for-broker %d s): %s", servers,
                        (leftAfter + 999) / 1000, patience.toSeconds(), e.getMessage());
                long tookMillis = (System.nanoTime() - tryStart) / 1_000_000;
                if (tookMillis < MIN_TRY_MILLIS) {
                    Thread.sleep(Math.min(MIN_TRY_MILLIS - tookMillis, leftAfter));
                }
            }
        }
    }
}
