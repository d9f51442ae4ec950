package io.onex.nodes.orchestrator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The runs of this process by correlation id, so the same request twice yields the first run's stamp: at most
 * {@code capacity} entries, the oldest forgotten first. A run that did not complete is forgotten at once, so asking
 * again retries it. Per process only: the database adapter's unique constraints are the durable guard.
 */
final class RecentRuns {

    private final Map<String, CompletableFuture<StampResult>> runs;

    RecentRuns(int capacity) {
        this.runs = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<StampResult>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Claims a correlation id for a new run.
     *
     * @return null when the caller's run is now registered and must be started; else the earlier run's result
     */
    synchronized CompletableFuture<StampResult> claim(String correlationId, CompletableFuture<StampResult> run) {
        CompletableFuture<StampResult> earlier = runs.get(correlationId);
        if (earlier != null) {
            return earlier;
        }
        runs.put(correlationId, run);
        return null;
    }

    /** Forgets a run (it failed), so the same correlation id runs again. */
    synchronized void forget(String correlationId, CompletableFuture<StampResult> run) {
        runs.remove(correlationId, run);
    }

    synchronized int size() {
        return runs.size();
    }
}
