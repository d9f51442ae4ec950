package io.onex.runtime.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.onex.runtime.kafka.internal.AssignedPartitions;
import io.onex.runtime.kafka.internal.ConsumerMetrics;
import io.onex.runtime.kafka.internal.OffsetCommitter;
import io.onex.runtime.kafka.internal.PartitionProgress;
import io.onex.runtime.logging.LogThrottle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes topics on one thread that owns its {@link Consumer}, hands every record to a {@link RecordHandler},
 * and commits only what is done (at-least-once).
 *
 * <ul>
 *   <li>Per partition, commits the highest offset below which every handed-out record is done; records may
 *       complete out of order and on any thread (completions come back to the loop through a queue).</li>
 *   <li>A record that is not done (its stage failed): the partition seeks back to it, drops what it fetched after
 *       it, and stays paused for {@code redeliveryBackoff} before the record is delivered again.</li>
 *   <li>At {@code maxInFlight} records handed out and not done, or while the {@link FlowGate} is closed, every
 *       partition is paused; the loop keeps polling so the group membership stays alive.</li>
 *   <li>While the gate only lets trial calls through ({@link FlowGate#trialCalls()}, a half-open breaker), at most
 *       that many records are in flight and at most that many partitions fetch (those furthest behind); the others
 *       stay paused until the breaker closes.</li>
 *   <li>On revoke it waits (bounded) for the revoked partitions' in-flight records and commits what is done;
 *       completions for partitions no longer owned are ignored.</li>
 * </ul>
 *
 * <p>Meters: see {@link ConsumerMetrics}.
 */
public final class ConsumerLoop {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

    /** Default pause of a partition before a record that was not done is delivered again. */
    public static final Duration DEFAULT_REDELIVERY_BACKOFF = Duration.ofSeconds(1);
    /** Default bound on waiting for in-flight records of revoked partitions. */
    public static final Duration DEFAULT_REVOKE_TIMEOUT = Duration.ofSeconds(10);

    /** {@code progress} identifies the assignment the record was handed out in; a later one ignores it. */
    private record Completion(TopicPartition tp, PartitionProgress progress, long offset, int epoch,
            RecordOutcome outcome, Throwable error) {
    }

    private final String name;
    private final Consumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final RecordHandler handler;
    private final FlowGate gate;
    private final int maxInFlight;
    private final Duration pollTimeout;
    /** One "not done" line per partition and error per 5 s: a breaker opening fails a whole batch at once. */
    private final LogThrottle redeliveryLogs = LogThrottle.every(Duration.ofSeconds(5));
    private final long redeliveryBackoffNanos;
    private final Duration revokeTimeout;
    private final ConsumerMetrics metrics;

    private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final AtomicBoolean wakeOnCompletion = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile Throwable failure;
    private volatile boolean running;
    private volatile boolean closing;
    private volatile long closeDeadlineNanos;
    private volatile Thread thread;

    // owned by the loop thread
    private final AssignedPartitions partitions = new AssignedPartitions();
    private final OffsetCommitter committer;
    private int inFlight;
    private boolean gateOpen = true;
    /** The gate's trial calls, or -1 when work is not limited to trials. */
    private int trialCalls = -1;

    ConsumerLoop(ConsumerLoopBuilder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.consumer = Objects.requireNonNull(b.consumer, "consumer");
        this.topics = List.copyOf(Objects.requireNonNull(b.topics, "topics"));
        if (this.topics.isEmpty()) {
            throw new IllegalArgumentException("consumer " + name + ": topics must not be empty");
        }
        this.handler = Objects.requireNonNull(b.handler, "handler");
        this.gate = Objects.requireNonNull(b.gate, "gate");
        if (b.maxInFlight < 1) {
            throw new IllegalArgumentException("consumer " + name + ": maxInFlight must be at least 1, but was "
                    + b.maxInFlight);
        }
        this.maxInFlight = b.maxInFlight;
        this.pollTimeout = positive(b.pollTimeout, "pollTimeout");
        this.redeliveryBackoffNanos = Objects.requireNonNull(b.redeliveryBackoff, "redeliveryBackoff").toNanos();
        this.revokeTimeout = Objects.requireNonNull(b.revokeTimeout, "revokeTimeout");
        this.metrics = new ConsumerMetrics(Objects.requireNonNull(b.meterRegistry, "meterRegistry"), name);
        this.committer = new OffsetCommitter(name, consumer, partitions);
    }

    /**
     * Starts a builder.
     *
     * <pre>{@code
     * ConsumerLoop loop = ConsumerLoop.builder("orders-node", consumer).topics(List.of("onex.evt.order.v1"))
     *         .handler(handler).maxInFlight(64).meterRegistry(registry).build();
     * }</pre>
     *
     * @param name names the thread, logs and meters (e.g. the node id)
     * @param consumer the consumer, configured by {@link KafkaClientProperties#consumer}; the loop owns and closes it
     */
    public static ConsumerLoopBuilder builder(String name, Consumer<byte[], byte[]> consumer) {
        return new ConsumerLoopBuilder(name, consumer);
    }

    private Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("consumer " + name + ": " + what + " must be positive, but was " + d);
        }
        return d;
    }

    /** Starts the loop's thread: subscribe, then poll until {@link #close}. */
    public void start() {
        if (closeRequested.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("consumer " + name + " was already started or closed");
        }
        running = true;
        Thread t = new Thread(this::run, "onex-consumer-" + name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /**
     * Stops fetching, lets in-flight records finish until {@code timeout}, commits what is done and closes the
     * consumer. Idempotent; waits for the loop's thread to end.
     */
    public void close(Duration timeout) {
        if (!closeRequested.compareAndSet(false, true)) {
            awaitTermination(timeout);
            return;
        }
        closeDeadlineNanos = System.nanoTime() + timeout.toNanos();
        closing = true;
        if (!started.get()) {
            consumer.close(leaveGroup(timeout));
            metrics.close();
            terminated.countDown();
            return;
        }
        consumer.wakeup();
        if (Thread.currentThread() != thread) {
            // the consumer's own close (leave group, final commit) may take a few seconds past the drain deadline
            awaitTermination(timeout.plusSeconds(15));
        }
    }

    /**
     * A clean stop leaves the group even as a static member (whose default is to stay until its session expires),
     * so the other instances get the partitions at once.
     */
    static CloseOptions leaveGroup(Duration timeout) {
        return CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(timeout);
    }

    private void awaitTermination(Duration timeout) {
        try {
            if (!terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("consumer {}: loop did not stop within {} ms", name, timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the loop's thread is polling (false before start, after close, and after it died). */
    public boolean isRunning() {
        return running;
    }

    /** The partitions the loop owns now (a snapshot, for health checks). */
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    /** Why the loop died, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** The last offsets committed successfully, per partition (a snapshot). */
    public Map<TopicPartition, Long> committedOffsets() {
        return committer.committed();
    }

    private void run() {
        try {
            consumer.subscribe(topics, new Rebalance());
            log.info("consumer {}: subscribed to {}", name, topics);
            while (!closing) {
                drainCompletions();
                checkGate();
                handOutFetched();
                updatePauses();
                committer.commitDue();
                pollOnce();
            }
            shutdown();
        } catch (Throwable t) {
            failure = t;
            log.error("consumer {}: loop died: {}", name, t.toString(), t);
            try {
                consumer.close(CloseOptions.timeout(Duration.ZERO));
            } catch (RuntimeException e) {
                log.debug("consumer {}: close after failure failed", name, e);
            }
        } finally {
            metrics.close();
            running = false;
            assignment = Set.of();
            terminated.countDown();
        }
    }

    private void pollOnce() {
        boolean waitingOnCompletions = inFlight >= inFlightBound() || partitions.hasFetched();
        Duration timeout = pollTimeout;
        OptionalLong release = partitions.nextRelease();
        if (!completions.isEmpty()) {
            timeout = Duration.ZERO;
        } else if (release.isPresent()) {
            long untilRelease = release.getAsLong() - System.nanoTime();
            timeout = Duration.ofNanos(Math.max(0, Math.min(untilRelease, pollTimeout.toNanos())));
        }
        wakeOnCompletion.set(waitingOnCompletions);
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(timeout);
        } catch (WakeupException e) {
            return; // close, or a completion while every partition was paused waiting for one
        } finally {
            wakeOnCompletion.set(false);
        }
        for (TopicPartition tp : records.partitions()) {
            partitions.fetched(tp, records.records(tp));
        }
        for (TopicPartition tp : partitions.owned()) {
            metrics.lag(tp, consumer.currentLag(tp));
        }
    }

    private void checkGate() {
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

    /** The bound on records in flight now: {@code maxInFlight}, or the trial calls while the breaker trials. */
    private int inFlightBound() {
        return trialCalls > 0 ? Math.min(maxInFlight, trialCalls) : maxInFlight;
    }

    private void handOutFetched() {
        int bound = inFlightBound();
        if (gateOpen && !closing && partitions.hasFetched() && inFlight < bound) {
            partitions.handOut(bound - inFlight, System.nanoTime(), this::handOut);
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

    private void handOut(TopicPartition tp, ConsumerRecord<byte[], byte[]> record) {
        PartitionProgress p = partitions.progress(tp);
        p.handedOut(record.offset());
        int epoch = p.epoch();
        long offset = record.offset();
        inFlight++;
        CompletionStage<RecordOutcome> stage;
        try {
            stage = Objects.requireNonNull(handler.handle(record), "RecordHandler returned null");
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((outcome, error) -> {
            completions.add(new Completion(tp, p, offset, epoch, outcome, error));
            if (wakeOnCompletion.compareAndSet(true, false)) {
                consumer.wakeup();
            }
        });
    }

    private void drainCompletions() {
        Completion c;
        while ((c = completions.poll()) != null) {
            apply(c);
        }
    }

    private void apply(Completion c) {
        inFlight--;
        PartitionProgress p = partitions.progress(c.tp());
        if (p == null || p != c.progress()) {
            return; // revoked while in flight (and maybe assigned again since): delivered again from the commit
        }
        if (c.error() == null) {
            if (p.done(c.offset(), c.epoch())) {
                metrics.done(c.outcome() == null ? RecordOutcome.PROCESSED : c.outcome());
            }
        } else if (p.notDone(c.offset(), c.epoch())) {
            partitions.holdBack(c.tp(), System.nanoTime() + redeliveryBackoffNanos);
            consumer.seek(c.tp(), c.offset());
            metrics.redelivered();
            long leftOut = redeliveryLogs.admit(c.tp() + "|" + c.error().getClass().getName());
            if (leftOut >= 0) {
                log.warn("consumer {}: record {}@{} not done ({}), delivering it again in {} ms{}", name, c.tp(),
                        c.offset(), c.error().getClass().getSimpleName(), redeliveryBackoffNanos / 1_000_000,
                        LogThrottle.suffix(leftOut));
            }
        }
    }

    private void updatePauses() {
        long now = System.nanoTime();
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

    private void awaitInFlight(Collection<TopicPartition> which, long deadlineNanos) {
        while (partitions.anyInFlight(which)) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                log.warn("consumer {}: gave up waiting for in-flight records of {}; they will be delivered again",
                        name, which);
                return;
            }
            try {
                Completion c = completions.poll(remaining, TimeUnit.NANOSECONDS);
                if (c != null) {
                    apply(c);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void forget(Collection<TopicPartition> which) {
        for (TopicPartition tp : which) {
            partitions.forget(tp);
            metrics.untrack(tp);
        }
        assignment = Set.copyOf(partitions.owned());
    }

    private void shutdown() {
        log.info("consumer {}: closing, waiting for {} in-flight record(s)", name, inFlight);
        partitions.dropFetched();
        Set<TopicPartition> owned = new HashSet<>(partitions.owned());
        awaitInFlight(owned, closeDeadlineNanos);
        committer.commitDone(owned);
        forget(owned);
        long remaining = Math.max(0, closeDeadlineNanos - System.nanoTime());
        consumer.close(leaveGroup(Duration.ofNanos(Math.max(remaining, Duration.ofSeconds(5).toNanos()))));
        log.info("consumer {}: closed", name);
    }

    /** Runs on the loop thread, inside poll (and inside close). */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            if (revoked.isEmpty()) {
                return;
            }
            partitions.dropFetched(revoked);
            long deadline = closing ? closeDeadlineNanos : System.nanoTime() + revokeTimeout.toNanos();
            awaitInFlight(revoked, deadline);
            committer.commitDone(revoked);
            forget(revoked);
            log.info("consumer {}: partitions revoked {}", name, revoked);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            for (TopicPartition tp : assigned) {
                partitions.assign(tp);
                metrics.track(tp);
            }
            assignment = Set.copyOf(partitions.owned());
            log.info("consumer {}: partitions assigned {}", name, assigned);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            // another member may own them already: committing now could overwrite its progress
            forget(lost);
            log.warn("consumer {}: partitions lost {}", name, lost);
        }
    }
}
