package io.onex.runtime.kafka.internal;

import io.onex.runtime.kafka.FlowGate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a consumer loop may fetch and hand out now, and the pauses that follow from it.
 *
 * <ul>
 *   <li>While the {@link FlowGate} is closed (the breaker is open), nothing is handed out and every partition is
 *       paused.</li>
 *   <li>At {@code maxInFlight} records in flight every partition is paused.</li>
 *   <li>While the gate only lets trial calls through ({@link FlowGate#trialCalls()}, a half-open breaker), at most
 *       that many records are in flight and at most that many partitions fetch: those furthest behind, so the trials
 *       find records. The others stay paused until the breaker closes.</li>
 *   <li>A partition with fetched records waiting, or held back before a redelivery, is paused too
 *       ({@link AssignedPartitions#mustNotFetch}).</li>
 * </ul>
 *
 * <p>Not thread-safe: owned by the consumer loop's thread.
 */
public final class FetchLimits {

    private static final Logger log = LoggerFactory.getLogger(FetchLimits.class);

    private final String name;
    private final Consumer<byte[], byte[]> consumer;
    private final AssignedPartitions partitions;
    private final FlowGate gate;
    private final int maxInFlight;
    private boolean gateOpen = true;
    /** The gate's trial calls, or -1 when work is not limited to trials. */
    private int trialCalls = -1;

    public FetchLimits(String name, Consumer<byte[], byte[]> consumer, AssignedPartitions partitions, FlowGate gate,
            int maxInFlight) {
        this.name = name;
        this.consumer = consumer;
        this.partitions = partitions;
        this.gate = gate;
        this.maxInFlight = maxInFlight;
    }

    /** Reads the gate (once per loop iteration) and logs when what it lets through changes. */
    public void checkGate() {
        boolean open = gate.acceptsWork();
        OptionalInt trials = open ? gate.trialCalls() : OptionalInt.empty();
        int nowTrials = trials.isPresent() ? Math.max(1, trials.getAsInt()) : -1;
        if (open && nowTrials > 0 && nowTrials != trialCalls) {
            log.info("consumer {}: node takes {} trial call(s) (breaker half-open), resuming at most {} of {} "
                    + "partition(s)", name, nowTrials, nowTrials, partitions.owned().size());
        } else if (open && (!gateOpen || trialCalls > 0) && nowTrials < 0) {
            log.info("consumer {}: node accepts work again, resuming {} partition(s)", name, partitions.owned().size());
        } else if (!open && gateOpen) {
            log.info("consumer {}: node does not accept work (breaker open), pausing {} partition(s)", name,
                    partitions.owned().size());
        }
        gateOpen = open;
        trialCalls = nowTrials;
    }

    /** Whether the gate was open at the last {@link #checkGate()}. */
    public boolean gateOpen() {
        return gateOpen;
    }

    /** The bound on records in flight now: {@code maxInFlight}, or the trial calls while the breaker trials. */
    public int inFlightBound() {
        return trialCalls > 0 ? Math.min(maxInFlight, trialCalls) : maxInFlight;
    }

    /** Pauses the owned partitions that must not fetch now and resumes the others. */
    public void updatePauses(int inFlight, long now) {
        boolean pauseAll = !gateOpen || inFlight >= inFlightBound();
        Set<TopicPartition> mayFetch = !pauseAll && trialCalls > 0 ? trialPartitions() : null;
        Set<TopicPartition> paused = consumer.paused();
        List<TopicPartition> toPause = new ArrayList<>();
        List<TopicPartition> toResume = new ArrayList<>();
        for (TopicPartition tp : partitions.owned()) {
            boolean pause = pauseAll || (mayFetch != null && !mayFetch.contains(tp))
                    || partitions.mustNotFetch(tp, now);
            if (pause && !paused.contains(tp)) {
                toPause.add(tp);
            } else if (!pause && paused.contains(tp)) {
                toResume.add(tp);
            }
        }
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
        }
    }

    /**
     * While the breaker trials: the partitions that may fetch, as many as the trial calls, those furthest behind
     * first (a partition whose lag is not known yet counts as behind), so that the trials find records.
     */
    private Set<TopicPartition> trialPartitions() {
        Comparator<TopicPartition> byLag = Comparator.comparingLong((TopicPartition tp) -> {
            OptionalLong lag = consumer.currentLag(tp);
            return lag.isPresent() ? lag.getAsLong() : 1;
        }).reversed().thenComparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);
        Set<TopicPartition> chosen = new HashSet<>();
        partitions.owned().stream().sorted(byLag).limit(trialCalls).forEach(chosen::add);
        return chosen;
    }
}
