package io.onex.runtime.ops;

import io.onex.api.topic.TopicName;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The cluster's dead-letter topics ({@code *.dlq}, and the legacy {@code *_dlq_*} / {@code *_dlq} names of the
 * codegen family): what they hold, counted per original topic and error type with the oldest and newest letter's
 * age, and their letters read as {@link DeadLetterView}s, optionally filtered. Reads outside any consumer group and
 * commits nothing. Every answer is a plain value, for the CLI and for pages alike.
 *
 * <pre>{@code
 * DlqInventory dlq = DlqInventory.of(session);
 * dlq.list("*stamp*");                                        // rows of DlqSummary
 * dlq.read("dev.x.onex.evt.a.v1.dlq", v -> v.errorType().endsWith("TimeoutException"), 50);
 * }</pre>
 */
public final class DlqInventory {

    private static final Pattern LEGACY = Pattern.compile(".*_dlq(_.*)?");

    private final Supplier<Set<String>> topicNames;
    private final Supplier<org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>> consumers;
    private final DeadLetterReader reader;
    private final Clock clock;

    /**
     * @param topicNames the cluster's topic names
     * @param consumers a new consumer (bytes in) for each read, outside any group; closed after the read
     * @param reader decodes the letters
     * @param clock the "now" of ages
     */
    public DlqInventory(Supplier<Set<String>> topicNames, Supplier<org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>> consumers,
            DeadLetterReader reader, Clock clock) {
        this.topicNames = topicNames;
        this.consumers = consumers;
        this.reader = reader;
        this.clock = clock;
    }

    /** An inventory on the session's cluster, with its security settings and the system clock. */
    public static DlqInventory of(ClusterSession session) {
        Admin admin = session.admin();
        return new DlqInventory(() -> TopicInventory.await(admin.listTopics().names(), "list topics"), () -> new KafkaConsumer<>(session.standaloneConsumerProperties(
                "onex-dlq-" + UUID.randomUUID().toString().substring(0, 8))),
                new DeadLetterReader(new EnvelopeCodec()), Clock.systemUTC());
    }

    /** Whether a topic name is a dead-letter topic's: {@code *.dlq}, or the legacy {@code *_dlq_*} and {@code *_dlq}. */
    public static boolean isDeadLetterTopic(String name) {
        return TopicName.isDeadLetter(name) || LEGACY.matcher(name).matches();
    }

    /**
     * The dead-letter topics whose names match, sorted.
     *
     * @param pattern a glob ({@code *}, {@code ?}), or without wildcards a part of the name; null for all
     */
    public List<String> topics(String pattern) {
        Pattern match = TopicInventory.compile(pattern);
        return topicNames.get().stream()
                .filter(DlqInventory::isDeadLetterTopic).filter(n -> match.matcher(n).matches()).sorted().toList();
    }

    /**
     * What the matching dead-letter topics hold: one row per (DLQ topic, original topic, error type), sorted by
     * those; empty topics have no row.
     *
     * @param pattern as for {@link #topics}
     */
    public List<DlqSummary> list(String pattern) {
        List<String> names = topics(pattern);
        if (names.isEmpty()) {
            return List.of();
        }
        Map<List<String>, Tally> tallies = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        try (var consumer = consumers.get()) {
            TopicTail tail = new TopicTail(consumer);
            tail.start(names, "beginning");
            tail.read(0, false, () -> false, r -> {
                DeadLetterView v = reader.read(r);
                tallies.computeIfAbsent(List.of(v.topic(), v.originalTopic(), v.errorType()), k -> new Tally())
                        .add(v.recordTime());
            });
        }
        Instant now = clock.instant();
        List<DlqSummary> rows = new ArrayList<>();
        tallies.forEach((k, t) -> rows.add(new DlqSummary(k.get(0), k.get(1), k.get(2), t.count, t.oldest, t.newest,
                age(t.oldest, now), age(t.newest, now))));
        return rows;
    }

    /**
     * The letters of one dead-letter topic that pass the filter, in partition and offset order, up to a limit.
     *
     * @param dlqTopic the full topic name
     * @param filter which letters to keep
     * @param limit the most to return (0: all)
     * @throws IllegalArgumentException when the topic does not exist
     */
    public List<DeadLetterView> read(String dlqTopic, Predicate<DeadLetterView> filter, long limit) {
        List<DeadLetterView> out = new ArrayList<>();
        read(dlqTopic, filter, limit, out::add);
        return out;
    }

    /**
     * Hands the letters that pass the filter to {@code sink} as they are read (the end is the topic's end when the
     * read began), up to a limit.
     *
     * @return how many were handed over
     */
    public long read(String dlqTopic, Predicate<DeadLetterView> filter, long limit, Consumer<DeadLetterView> sink) {
        long[] kept = {0};
        try (var consumer = consumers.get()) {
            TopicTail tail = new TopicTail(consumer);
            tail.start(List.of(dlqTopic), "beginning");
            tail.read(0, false, () -> limit > 0 && kept[0] >= limit, r -> {
                if (limit > 0 && kept[0] >= limit) {
                    return;
                }
                DeadLetterView v = reader.read(r);
                if (filter.test(v)) {
                    kept[0]++;
                    sink.accept(v);
                }
            });
        }
        return kept[0];
    }

    private static Duration age(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static final class Tally {
        long count;
        Instant oldest;
        Instant newest;

        void add(Instant t) {
            count++;
            oldest = oldest == null || t.isBefore(oldest) ? t : oldest;
            newest = newest == null || t.isAfter(newest) ? t : newest;
        }
    }
}
