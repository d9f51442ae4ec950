package io.onex.runtime;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/** The scheduler a runtime owns when it is given none: backoff, timeouts, heartbeats, batch lingers. */
final class RuntimeScheduler {

    private RuntimeScheduler() {
    }

    /**
     * @param threads how many daemon threads ({@code onex-scheduler-N})
     * @return a scheduler whose cancelled tasks leave its queue at once
     */
    static ScheduledExecutorService daemonThreads(int threads) {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "onex-scheduler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(s);
    }
}
