package io.onex.runtime.kafka.internal;

import io.onex.runtime.kafka.BatchRecordHandler;
import io.onex.runtime.kafka.RecordHandler;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.logging.LogThrottle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records a consumer loop handed to its {@link RecordHandler} and that are not done yet. Records may complete
 * out of order and on any thread; their completions come back to the loop's thread through a queue and are applied
 * there: a done record moves its partition's progress, a record that is not done (its stage failed) makes the
 * partition seek back to it and holds the partition back for {@code redeliveryBackoff}. A completion for a partition
 * no longer owned, or owned again by a later assignment, is ignored.
 *
 * <p>Owned by the consumer loop's thread, except that completions may arrive on any thread.
 */
public final class InFlightRecords {

    private static final Logger log = LoggerFactory.getLogger(InFlightRecords.class);

    /** {@code progress} identifies the assignment the record was handed out in; a later one ignores it. */
    private record Completion(TopicPartition tp, PartitionProgress progress, long offset, int epoch,
            RecordOutcome outcome, Throwable error) {
    }

    private final String name;
    private final Consumer<byte[], byte[]> consumer;
    private final AssignedPartitions partitions;
    private final RecordHandler handler;
    private final ConsumerMetrics metrics;
    private final long redeliveryBackoffNanos;
    /** One "not done" line per partition and error per 5 s: a breaker opening fails a whole batch at once. */
    private final LogThrottle redeliveryLogs = LogThrottle.every(Duration.ofSeconds(5));
    private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final AtomicBoolean wakeOnCompletion = new AtomicBoolean();
    private int count;

    public InFlightRecords(String name, Consumer<byte[], byte[]> consumer, AssignedPartitions partitions,
            RecordHandler handler, ConsumerMetrics metrics, Duration redeliveryBackoff) {
        this.name = name;
        this.consumer = consumer;
        this.partitions = partitions;
        this.handler = handler;
        this.metrics = metrics;
        this.redeliveryBackoffNanos = redeliveryBackoff.toNanos();
    }

    /** How many records were handed out and their completion not applied yet. */
    public int count() {
        return count;
    }

    /** Whether completions wait to be applied. */
    public boolean hasCompletions() {
        return !completions.isEmpty();
    }

    /** Whether the next completion should wake the consumer out of its poll (set around a poll that waits on one). */
    public void wakeConsumerOnCompletion(boolean wake) {
        wakeOnCompletion.set(wake);
    }

    /** Hands a record of an owned partition to the handler; a handler that throws counts as not done. */
    public void handOut(TopicPartition tp, ConsumerRecord<byte[], byte[]> record) {
        if (!track(tp, record)) {
            return;
        }
        CompletionStage<RecordOutcome> stage;
        try {
            stage = Objects.requireNonNull(handler.handle(record), "RecordHandler returned null");
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        whenDone(tp, record, stage);
    }

    /**
     * Hands records of owned partitions to a batch handler in one call; a handler that throws, or returns a stage
     * per record too few, leaves the records concerned not done.
     */
    public void handOut(List<ConsumerRecord<byte[], byte[]>> records, BatchRecordHandler batchHandler) {
        List<ConsumerRecord<byte[], byte[]>> tracked = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (track(new TopicPartition(r.topic(), r.partition()), r)) {
                tracked.add(r);
            }
        }
        if (tracked.isEmpty()) {
            return;
        }
        List<? extends CompletionStage<RecordOutcome>> stages;
        RuntimeException failure = null;
        try {
            stages = Objects.requireNonNull(batchHandler.handle(tracked), "BatchRecordHandler returned null");
        } catch (RuntimeException e) {
            stages = List.of();
            failure = e;
        }
        for (int i = 0; i < tracked.size(); i++) {
            ConsumerRecord<byte[], byte[]> r = tracked.get(i);
            CompletionStage<RecordOutcome> stage = i < stages.size() && stages.get(i) != null ? stages.get(i)
                    : CompletableFuture.failedFuture(failure != null ? failure : new IllegalStateException(
                            "BatchRecordHandler returned " + stages.size() + " stages for " + tracked.size() + " records"));
            whenDone(new TopicPartition(r.topic(), r.partition()), r, stage);
        }
    }

    /** Marks a record handed out; false when it was done before the partition was sought back past it. */
    private boolean track(TopicPartition tp, ConsumerRecord<byte[], byte[]> record) {
        PartitionProgress p = partitions.progress(tp);
        if (p.skipDone(record.offset())) {
            return false;
        }
        p.handedOut(record.offset());
        count++;
        metrics.handedOut(record.topic());
        return true;
    }

    private void whenDone(TopicPartition tp, ConsumerRecord<byte[], byte[]> record, CompletionStage<RecordOutcome> stage) {
        PartitionProgress p = partitions.progress(tp);
        int epoch = p.epoch();
        long offset = record.offset();
        stage.whenComplete((outcome, error) -> {
            completions.add(new Completion(tp, p, offset, epoch, outcome, error));
            if (wakeOnCompletion.compareAndSet(true, false)) {
                consumer.wakeup();
            }
        });
    }

    /** Applies every completion that arrived, without waiting. */
    public void applyCompleted() {
        Completion c;
        while ((c = completions.poll()) != null) {
            apply(c);
        }
    }

    /** Applies completions until no record of these partitions is in flight, or until the deadline. */
    public void awaitDone(Collection<TopicPartition> which, long deadlineNanos) {
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

    private void apply(Completion c) {
        count--;
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
}
