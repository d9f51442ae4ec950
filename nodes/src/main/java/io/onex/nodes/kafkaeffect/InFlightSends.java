package io.onex.nodes.kafkaeffect;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The sends not yet acknowledged or failed, counted per topic, so that shutdown can wait for them (bounded) and say
 * what it could not deliver. Counters rather than a set of event ids: this is on every send's path, and a lookup
 * plus an adder costs a fraction of inserting and removing a map entry per event.
 */
final class InFlightSends {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final ConcurrentHashMap<String, LongAdder> byTopic = new ConcurrentHashMap<>();

    /**
     * Counts a send as started.
     *
     * @param topic the send's topic
     * @return the topic's counter: the send ends with its {@code decrement()} (no lookup on the completing thread)
     */
    LongAdder started(String topic) {
        LongAdder n = byTopic.get(topic);
        if (n == null) {
            n = byTopic.computeIfAbsent(topic, t -> new LongAdder());
        }
        n.increment();
        return n;
    }

    int count() {
        long sum = 0;
        for (LongAdder n : byTopic.values()) {
            sum += n.sum();
        }
        return (int) sum;
    }

    /**
     * Waits until every send in flight has ended, or the timeout.
     *
     * @param timeout how long to wait at most
     * @return sends still in flight when the wait ended, per topic; empty when all ended
     */
    Map<String, Long> awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // completions come from the producer's I/O thread; polling keeps that hot path free of any signalling
        while (count() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for sends in flight");
            }
        }
        Map<String, Long> left = new TreeMap<>();
        byTopic.forEach((topic, n) -> {
            if (n.sum() > 0) {
                left.put(topic, n.sum());
            }
        });
        return left;
    }
}
