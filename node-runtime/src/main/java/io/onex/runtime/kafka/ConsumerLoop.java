package io.onex.runtime.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.onex.runtime.kafka.internal.AssignedPartitions;
import io.onex.runtime.kafka.internal.ConsumerMetrics;
import io.onex.runtime.kafka.internal.FetchLimits;
import io.onex.runtime.kafka.internal.InFlightRecords;
import io.onex.runtime.kafka.internal.OffsetCommitter;
import io.onex.runtime.kafka.internal.PartitionProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
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
 * Consumes topics on one thread that owns its {@link Consumer}, hands every record to a {@link RecordHandler} (or
 * the records handed out together to a {@link BatchRecordHandler}), and commits only what is done (at-least-once).
 *
 * <ul>
 *   <li>Per partition, commits the highest offset below which every handed-out record is done; records may
 *       complete out of order and on any thread (completions come back to the loop through a queue). Asynchronous
 *       commits go out at most once per {@code commitInterval} (default: as progress is made).</li>
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
 * <p>Which partitions fetch is decided by {@link FetchLimits}; handed-out records and their completions are tracked
 * by {@link InFlightRecords}; commits are made by {@link OffsetCommitter}. Meters: see {@link ConsumerMetrics}.
 */
public final class ConsumerLoop {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

    /** Default pause of a partition before a record that was not done is delivered again. */
    public static final Duration DEFAULT_REDELIVERY_BACKOFF = Duration.ofSeconds(1);
    /** Default bound on waiting for in-flight records of revoked partitions. */
    public static final Duration DEFAULT_REVOKE_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Consumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final Duration pollTimeout;
    private final Duration revokeTimeout;
    private final ConsumerMetrics metrics;

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
    private final boolean commitsOffsets;
    private final long commitIntervalNanos;
    private long nextCommitNanos = System.nanoTime();
    private final FetchLimits limits;
    private final InFlightRecords inFlight;
    private final BatchRecordHandler batchHandler;
    private final int batchSize;

    ConsumerLoop(ConsumerLoopBuilder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.consumer = Objects.requireNonNull(b.consumer, "consumer");
        this.topics = List.copyOf(Objects.requireNonNull(b.topics, "topics"));
        if (this.topics.isEmpty()) {
            throw new IllegalArgumentException("consumer " + name + ": topics must not be empty");
        }
        if ((b.handler == null) == (b.batchHandler == null)) {
            throw new IllegalArgumentException("consumer " + name + ": exactly one of handler and batchHandler must be"
                    + " set, but " + (b.handler == null ? "neither was" : "both were"));
        }
        FlowGate gate = Objects.requireNonNull(b.gate, "gate");
        if (b.maxInFlight < 1) {
            throw new IllegalArgumentException("consumer " + name + ": maxInFlight must be at least 1, but was "
                    + b.maxInFlight);
        }
        this.pollTimeout = positive(b.pollTimeout, "pollTimeout");
        Duration redeliveryBackoff = Objects.requireNonNull(b.redeliveryBackoff, "redeliveryBackoff");
        this.revokeTimeout = Objects.requireNonNull(b.revokeTimeout, "revokeTimeout");
        this.metrics = new ConsumerMetrics(Objects.requireNonNull(b.meterRegistry, "meterRegistry"), name);
        this.committer = new OffsetCommitter(name, consumer, partitions);
        this.commitsOffsets = b.commitOffsets;
        Duration commitInterval = Objects.requireNonNull(b.commitInterval, "commitInterval");
        if (commitInterval.isNegative()) {
            throw new IllegalArgumentException("consumer " + name + ": commitInterval must not be negative, but was "
                    + commitInterval);
        }
        this.commitIntervalNanos = commitInterval.toNanos();
        this.limits = new FetchLimits(name, consumer, partitions, gate, b.maxInFlight);
        if (b.batchHandler != null && b.batchSize < 1) {
            throw new IllegalArgumentException("consumer " + name + ": batchSize must be at least 1, but was "
                    + b.batchSize);
        }
        this.batchHandler = b.batchHandler;
        this.batchSize = b.batchSize;
        this.inFlight = new InFlightRecords(name, consumer, partitions, b.handler, metrics, redeliveryBackoff);
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
                inFlight.applyCompleted();
                limits.checkGate();
                handOutFetched();
                limits.updatePauses(inFlight.count(), System.nanoTime());
                if (commitsOffsets) {
                    commitIfDue();
                }
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

    /** An asynchronous commit of what is done, at most once per commit interval (revoke and close commit at once). */
    private void commitIfDue() {
        long now = System.nanoTime();
        if (now - nextCommitNanos >= 0 && committer.commitDue()) {
            nextCommitNanos = now + commitIntervalNanos;
        }
    }

    private void pollOnce() {
        boolean waitingOnCompletions = inFlight.count() >= limits.inFlightBound() || partitions.hasFetched();
        Duration timeout = pollTimeout;
        OptionalLong release = partitions.nextRelease();
        if (inFlight.hasCompletions()) {
            timeout = Duration.ZERO;
        } else if (release.isPresent()) {
            long untilRelease = release.getAsLong() - System.nanoTime();
            timeout = Duration.ofNanos(Math.max(0, Math.min(untilRelease, pollTimeout.toNanos())));
        }
        inFlight.wakeConsumerOnCompletion(waitingOnCompletions);
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(timeout);
        } catch (WakeupException e) {
            return; // close, or a completion while every partition was paused waiting for one
        } finally {
            inFlight.wakeConsumerOnCompletion(false);
        }
        for (TopicPartition tp : records.partitions()) {
            partitions.fetched(tp, records.records(tp));
        }
        for (TopicPartition tp : partitions.owned()) {
            metrics.lag(tp, consumer.currentLag(tp));
        }
    }

    private void handOutFetched() {
        int bound = limits.inFlightBound();
        if (limits.gateOpen() && !closing && partitions.hasFetched() && inFlight.count() < bound) {
            if (batchHandler == null) {
                partitions.handOut(bound - inFlight.count(), System.nanoTime(), inFlight::handOut);
            } else if (inFlight.count() == 0 || (bound - inFlight.count() >= batchSize
                    && partitions.fetchedCount() >= batchSize)) {
                // one call for what the polls fetched across partitions: a sink reading many topics would otherwise
                // get batches of a partition's few records each. While a batch is in flight, the next one gathers
                // until full: handing out each poll's few records at once would free the in-flight budget a few
                // records at a time, and batches would stay that small
                List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
                partitions.handOut(bound - inFlight.count(), System.nanoTime(), (tp, r) -> batch.add(r));
                inFlight.handOut(batch, batchHandler);
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
        log.info("consumer {}: closing, waiting for {} in-flight record(s)", name, inFlight.count());
        partitions.dropFetched();
        Set<TopicPartition> owned = new HashSet<>(partitions.owned());
        inFlight.awaitDone(owned, closeDeadlineNanos);
        if (commitsOffsets) {
            committer.commitDone(owned);
        }
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
            inFlight.awaitDone(revoked, deadline);
            if (commitsOffsets) {
                committer.commitDone(revoked);
            }
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
