package io.onex.runtime.lag;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges consumer groups over a sliding window of samples, as Burrow does: per group the last
 * {@link LagWindow#samples()} samples of committed and end offsets, and a {@link GroupVerdict} from them.
 *
 * <p>The rules, first match wins: lag with no members is {@code no_members} (critical); on a full window, a partition
 * with lag whose committed offset did not move is {@code stalled} (critical); lag above the warning threshold that
 * shrank over the window is {@code catching_up} (a warning, however large); lag above the critical threshold is
 * {@code critical}, above the warning threshold {@code warning}; more dead-lettered records than the DLQ rate
 * threshold allows is {@code dlq_rate} (a warning); else {@code ok}.
 *
 * <pre>{@code
 * GroupLagEvaluator lag = new GroupLagEvaluator(LagWindow.DEFAULT, clock);
 * lag.record("orders", 2, offsets, processed, deadLettered);   // every LagWindow.interval()
 * lag.verdict("orders", GroupHealthThresholds.DEFAULTS)        // Optional[GroupVerdict[kind=OK, ...]]
 * }</pre>
 *
 * <p>Samples are stamped with the injected clock, so tests run it on virtual time. Thread-safe.
 */
public final class GroupLagEvaluator {

    private final LagWindow window;
    private final Clock clock;
    private final Map<String, Deque<GroupSample>> samples = new HashMap<>();

    /**
     * @param window how many samples, over how long
     * @param clock stamps the samples
     */
    public GroupLagEvaluator(LagWindow window, Clock clock) {
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records a sample of a group taken now.
     *
     * @param group the consumer group
     * @param members how many members it has
     * @param partitions its partitions' committed and end offsets
     * @param processed records its consumers finished so far (a running total, 0 when unknown)
     * @param deadLettered records its consumers dead-lettered so far (a running total, 0 when unknown)
     */
    public void record(String group, int members, List<PartitionOffsets> partitions, long processed,
            long deadLettered) {
        GroupSample sample = new GroupSample(clock.instant(), members, partitions, processed, deadLettered);
        synchronized (samples) {
            Deque<GroupSample> kept = samples.computeIfAbsent(group, g -> new ArrayDeque<>());
            kept.addLast(sample);
            while (kept.size() > window.samples()
                    || Duration.between(kept.peekFirst().at(), sample.at()).compareTo(window.span()) > 0) {
                kept.removeFirst();
            }
        }
    }

    /** Forgets a group's samples (it was deleted, or the runtime stopped consuming it). */
    public void forget(String group) {
        synchronized (samples) {
            samples.remove(group);
        }
    }

    /** The groups with samples, sorted. */
    public Set<String> groups() {
        synchronized (samples) {
            return new TreeSet<>(samples.keySet());
        }
    }

    /**
     * The verdict on a group as of its newest sample.
     *
     * @param group the consumer group
     * @param thresholds the group's thresholds
     * @return the verdict, or empty before its first sample
     */
    public Optional<GroupVerdict> verdict(String group, GroupHealthThresholds thresholds) {
        List<GroupSample> kept;
        synchronized (samples) {
            Deque<GroupSample> d = samples.get(group);
            if (d == null || d.isEmpty()) {
                return Optional.empty();
            }
            kept = List.copyOf(d);
        }
        return Optional.of(judge(group, kept, thresholds));
    }

    private GroupVerdict judge(String group, List<GroupSample> kept, GroupHealthThresholds t) {
        GroupSample oldest = kept.get(0);
        GroupSample newest = kept.get(kept.size() - 1);
        long lag = newest.totalLag();
        Duration span = Duration.between(oldest.at(), newest.at());
        if (newest.members() == 0 && lag > 0) {
            return new GroupVerdict(group, GroupVerdict.Kind.NO_MEMBERS,
                    lagPhrase(newest) + " and no members to consume it", lag);
        }
        if (kept.size() >= window.samples()) {
            Optional<PartitionOffsets> stalled = stalledPartition(kept);
            if (stalled.isPresent()) {
                PartitionOffsets p = stalled.get();
                return new GroupVerdict(group, GroupVerdict.Kind.STALLED, "lag " + count(p.lag()) + " on "
                        + p.label() + " and committed offset unchanged for " + duration(span) + ": stalled", lag);
            }
        }
        if (lag > t.lagWarning() && kept.size() >= 2 && lag < oldest.totalLag()) {
            return new GroupVerdict(group, GroupVerdict.Kind.CATCHING_UP, lagPhrase(newest) + " > "
                    + count(t.lagWarning()) + " but down from " + count(oldest.totalLag()) + " over "
                    + duration(span) + ": catching up", lag);
        }
        if (lag > t.lagCritical()) {
            return new GroupVerdict(group, GroupVerdict.Kind.CRITICAL,
                    lagPhrase(newest) + " > " + count(t.lagCritical()), lag);
        }
        if (lag > t.lagWarning()) {
            return new GroupVerdict(group, GroupVerdict.Kind.WARNING,
                    lagPhrase(newest) + " > " + count(t.lagWarning()), lag);
        }
        GroupSample base = kept.size() >= 2 ? oldest : new GroupSample(newest.at(), 0, List.of(), 0, 0);
        long dead = newest.deadLettered() - base.deadLettered();
        long consumed = dead + newest.processed() - base.processed();
        if (consumed > 0 && (double) dead / consumed > t.dlqRateWarning()) {
            return new GroupVerdict(group, GroupVerdict.Kind.DLQ_RATE, percent((double) dead / consumed) + " of "
                    + count(consumed) + " consumed records dead-lettered" + (kept.size() >= 2 ? " over "
                    + duration(span) : "") + " > " + percent(t.dlqRateWarning()), lag);
        }
        return new GroupVerdict(group, GroupVerdict.Kind.OK, lagPhrase(newest), lag);
    }

    /** The partition with the most lag among those with lag in every sample and a committed offset that stood still. */
    private static Optional<PartitionOffsets> stalledPartition(List<GroupSample> kept) {
        GroupSample newest = kept.get(kept.size() - 1);
        return newest.partitions().stream()
                .filter(p -> p.committed() >= 0 && p.lag() > 0)
                .filter(p -> kept.stream().allMatch(s -> s.partitions().stream().anyMatch(
                        q -> q.topic().equals(p.topic()) && q.partition() == p.partition()
                                && q.committed() == p.committed() && q.lag() > 0)))
                .max(Comparator.comparingLong(PartitionOffsets::lag));
    }

    /** {@code lag 5,210}, with where it is: {@code on t[3]}, or {@code (4 partitions, most on t[3]: 2,000)}. */
    private static String lagPhrase(GroupSample s) {
        List<PartitionOffsets> lagging = s.partitions().stream().filter(p -> p.lag() > 0)
                .sorted(Comparator.comparingLong(PartitionOffsets::lag).reversed()).toList();
        String text = "lag " + count(s.totalLag());
        if (lagging.size() == 1) {
            return text + " on " + lagging.get(0).label();
        }
        if (lagging.size() > 1) {
            return text + " (" + lagging.size() + " partitions, most on " + lagging.get(0).label() + ": "
                    + count(lagging.get(0).lag()) + ")";
        }
        return text;
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String percent(double share) {
        String text = String.format(Locale.ROOT, "%.1f", share * 100);
        return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + "%";
    }

    /** {@code 5m}, {@code 4m30s}, {@code 45s}, {@code 1h2m}. */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
        }
        return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : s % 3600 / 60 + "m");
    }
}
