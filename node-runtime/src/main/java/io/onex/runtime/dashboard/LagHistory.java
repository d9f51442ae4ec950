package io.onex.runtime.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each consumer group's total lag over the last minutes, as sampled: what the Groups page draws. Samples older than
 * the window are dropped; a group not sampled for a whole window is forgotten. Thread-safe.
 */
public final class LagHistory {

    /**
     * One sample.
     *
     * @param at epoch millis
     * @param lag the group's total lag then
     */
    public record Point(long at, long lag) {
    }

    private final Duration window;
    private final Map<String, Deque<Point>> byGroup = new HashMap<>();

    /** @param window how far back samples are kept */
    public LagHistory(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be greater than 0, but was " + window);
        }
        this.window = window;
    }

    /** Adds a sample of a group's lag, dropping those that fell out of the window. */
    public synchronized void record(String groupId, Instant at, long lag) {
        Deque<Point> points = byGroup.computeIfAbsent(groupId, g -> new ArrayDeque<>());
        points.addLast(new Point(at.toEpochMilli(), lag));
        long oldest = at.minus(window).toEpochMilli();
        byGroup.values().forEach(p -> {
            while (!p.isEmpty() && p.peekFirst().at() < oldest) {
                p.removeFirst();
            }
        });
        byGroup.values().removeIf(Deque::isEmpty);
    }

    /** The group's samples within the window, oldest first. */
    public synchronized List<Point> of(String groupId) {
        Deque<Point> points = byGroup.get(groupId);
        return points == null ? List.of() : List.copyOf(points);
    }
}
