package io.onex.runtime.dashboard;

import io.onex.runtime.ops.DeadLetterView;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dead-letter topics as read so far: counts by original topic and error type, and each topic's latest records.
 * Fed with every record of each DLQ topic ({@link #accept}); keeps {@code recordsPerTopic} records per topic for
 * display and counts them all. Thread-safe.
 */
public final class DeadLetterBoard {

    private final int recordsPerTopic;
    private final Map<String, TopicState> topics = new TreeMap<>();

    /** @param recordsPerTopic how many of each topic's latest records are kept to be shown */
    public DeadLetterBoard(int recordsPerTopic) {
        if (recordsPerTopic < 1) {
            throw new IllegalArgumentException("recordsPerTopic must be greater than or equal to 1, but was "
                    + recordsPerTopic);
        }
        this.recordsPerTopic = recordsPerTopic;
    }

    /** Counts and keeps one dead letter. */
    public synchronized void accept(DeadLetterView v) {
        TopicState t = topics.computeIfAbsent(v.topic(), k -> new TopicState());
        t.total++;
        t.counts.merge(v.originalTopic() + "\u0000" + v.errorType(), 1L, Long::sum);
        StringBuilder origin = new StringBuilder(v.originalTopic());
        v.originalPartition().ifPresent(p -> origin.append('[').append(p).append(']'));
        v.originalOffset().ifPresent(o -> origin.append('@').append(o));
        origin.append(", ").append(v.attempts()).append(" attempt(s)");
        v.nodeId().ifPresent(n -> origin.append(", node ").append(n));
        t.latest.addFirst(new DlqView.Letter(v.topic(), v.partition(), v.offset(), v.recordTime().toEpochMilli(),
                v.originalTopic(), origin.toString(), v.errorType(), v.errorMessage(), v.replayCount(),
                v.eventId().orElse(""), v.eventType().orElse(""), v.correlationId().orElse(""), v.source(),
                v.payload(), v.raw().orElse("")));
        while (t.latest.size() > recordsPerTopic) {
            t.latest.removeLast();
        }
    }

    /** Marks a topic as known, with no records read yet: the page lists empty DLQ topics too. */
    public synchronized void know(String topic) {
        topics.computeIfAbsent(topic, k -> new TopicState());
    }

    /** The topics now. */
    public synchronized DlqView view(Instant now, boolean actions) {
        List<DlqView.Topic> list = new ArrayList<>();
        topics.forEach((name, t) -> {
            List<DlqView.Count> counts = new ArrayList<>();
            t.counts.forEach((key, n) -> {
                int cut = key.indexOf('\u0000');
                counts.add(new DlqView.Count(key.substring(0, cut), key.substring(cut + 1), n));
            });
            counts.sort(Comparator.comparingLong(DlqView.Count::count).reversed()
                    .thenComparing(DlqView.Count::originalTopic).thenComparing(DlqView.Count::errorType));
            list.add(new DlqView.Topic(name, t.total, counts, List.copyOf(t.latest)));
        });
        return new DlqView(now.toEpochMilli(), actions, list);
    }

    private static final class TopicState {
        long total;
        final Map<String, Long> counts = new LinkedHashMap<>();
        final Deque<DlqView.Letter> latest = new ArrayDeque<>();
    }
}
