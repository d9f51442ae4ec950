package io.onex.nodes.kafkaeffect;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sends not yet acknowledged or failed, by event id, so that shutdown can wait for them (bounded) and name
 * what it could not deliver.
 */
final class InFlightSends {

    private final ConcurrentHashMap<String, String> topicsByEventId = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;

    void started(String eventId, String topic) {
        topicsByEventId.put(eventId, topic);
    }

    void ended(String eventId) {
        topicsByEventId.remove(eventId);
        if (draining && topicsByEventId.isEmpty()) {
            drained.complete(null);
        }
    }

    int count() {
        return topicsByEventId.size();
    }

    /**
     * Waits until every send in flight has ended, or the timeout.
     *
     * @param timeout how long to wait at most
     * @return the sends still in flight when the wait ended (event id to topic), empty when all ended
     */
    Map<String, String> awaitDrained(Duration timeout) throws InterruptedException {
        draining = true;
        if (topicsByEventId.isEmpty()) {
            drained.complete(null);
        }
        try {
            drained.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // fall through: what is left is reported
        }
        return new TreeMap<>(topicsByEventId);
    }
}
