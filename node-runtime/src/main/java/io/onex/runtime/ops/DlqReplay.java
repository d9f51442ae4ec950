package io.onex.runtime.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Re-publishes the letters of a dead-letter topic: each original envelope's bytes (so its event id, and idempotent
 * consumers absorb a repeat) with its original key and headers and {@code onex-replay-count} raised by one
 * ({@link ReplayRecords}), to its original topic or a chosen one, up to the end the topic had when the replay began.
 *
 * <p>Progress is the committed offset of a consumer group of the replay's own ({@link ReplayOptions#groupId()}),
 * committed per poll batch and only past records that are done: sent and acknowledged, parked, filtered out or
 * unreplayable. So a replay stopped by {@code --limit}, by Ctrl-C or by a failed send, then rerun, starts at the
 * first record not done: none skipped, none sent twice. The one window: a process killed after a send is
 * acknowledged and before its batch is committed sends that batch again on the rerun, the same bytes with the same
 * event id and replay count, which consumers that are idempotent by event id absorb. A failed send stops the replay
 * (records after it in its batch that did go out are sent again by the rerun, as in that window).
 */
public final class DlqReplay {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final long ACK_TIMEOUT_MS = 150_000;

    /** What became of a letter. */
    public enum Decision { REPLAY, PARKED, FILTERED_OUT, UNREPLAYABLE }

    /** Told of each decision (before the send) and of progress after each batch. */
    public interface Listener {
        /** @param destination where the letter goes, for {@link Decision#REPLAY}; else null */
        void decided(DeadLetterView letter, Decision decision, String destination);

        /** @param done letters looked at so far; @param total letters this run may look at */
        void progress(long done, long total, ReplayReport soFar);
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final DeadLetterReader reader;
    private final ReplayRecords records;
    private final Map<String, Boolean> destinationExists = new HashMap<>();

    /**
     * @param consumer a consumer whose {@code group.id} is the options' {@link ReplayOptions#groupId()}, without
     *     auto-commit
     * @param producer the producer replays are sent with
     */
    public DlqReplay(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, DeadLetterReader reader,
            ReplayRecords records) {
        this.consumer = consumer;
        this.producer = producer;
        this.reader = reader;
        this.records = records;
    }

    /** One record of a batch: its place and, once sent, the acknowledgement to wait for. */
    private record Step(TopicPartition tp, long offset, Future<RecordMetadata> ack) {
    }

    /**
     * Runs the replay.
     *
     * @throws IllegalArgumentException when the DLQ topic does not exist
     */
    public ReplayReport run(ReplayOptions options, RecordFilter filter, BooleanSupplier stopped, Listener listener) {
        List<PartitionInfo> infos = consumer.partitionsFor(options.dlqTopic());
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic " + SafeText.escape(options.dlqTopic()) + " does not exist"
                    + " (`onex dlq list` lists the dead-letter topics)");
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition()))
                .toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        Map<TopicPartition, Long> next = new HashMap<>();
        long total = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            long from = Math.max(starts.get(tp), c == null ? 0 : c.offset());
            next.put(tp, from);
            consumer.seek(tp, from);
            total += Math.max(0, ends.get(tp) - from);
        }
        Tally tally = new Tally();
        boolean stop = false;
        while (!stop && !stopped.getAsBoolean() && !reachedEnd(next, ends)) {
            List<Step> batch = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < next.get(tp) || r.offset() >= ends.get(tp)) {
                    continue; // letters written after the replay began (some by this replay) wait for the next run
                }
                if (options.limit() > 0 && tally.replayed + tally.sending >= options.limit() || stopped.getAsBoolean()) {
                    stop = true;
                    break;
                }
                batch.add(new Step(tp, r.offset(), decide(r, options, filter, listener, tally)));
            }
            stop |= !settle(batch, next, options.dryRun(), tally);
            if (!stop) {
                // a partition read to its end may end on offsets that hold no record (transaction markers)
                partitions.stream().filter(tp -> consumer.position(tp) >= ends.get(tp))
                        .forEach(tp -> next.put(tp, Math.max(next.get(tp), ends.get(tp))));
            }
            listener.progress(total - remaining(next, ends), total, tally.report(remaining(next, ends)));
        }
        return tally.report(remaining(next, ends));
    }

    private Future<RecordMetadata> decide(ConsumerRecord<byte[], byte[]> r, ReplayOptions options, RecordFilter filter,
            Listener listener, Tally tally) {
        DeadLetterView letter = reader.read(r);
        if (!filter.test(letter)) {
            tally.filteredOut++;
            listener.decided(letter, Decision.FILTERED_OUT, null);
            return null;
        }
        if (letter.replayCount() >= options.maxReplays() && !options.force()) {
            tally.parked++;
            listener.decided(letter, Decision.PARKED, null);
            return null;
        }
        Optional<ProducerRecord<byte[], byte[]>> replay = records.replayOf(r, letter, options.destination());
        if (replay.isEmpty()) {
            tally.unreplayable++;
            listener.decided(letter, Decision.UNREPLAYABLE, null);
            return null;
        }
        String destination = replay.get().topic();
        listener.decided(letter, Decision.REPLAY, destination);
        if (options.dryRun()) {
            tally.replayed++;
            return null;
        }
        tally.sending++;
        if (!destinationExists.computeIfAbsent(destination, this::exists)) {
            return java.util.concurrent.CompletableFuture.failedFuture(new IllegalArgumentException(
                    "topic " + SafeText.escape(destination) + " does not exist"));
        }
        try {
            return producer.send(replay.get());
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    private boolean exists(String topic) {
        List<PartitionInfo> p = consumer.partitionsFor(topic);
        return p != null && !p.isEmpty();
    }

    /**
     * Waits for the batch's acknowledgements in order and commits, per partition, past the records done before the
     * first failure. Returns false when a send failed (the replay stops there).
     */
    private boolean settle(List<Step> batch, Map<TopicPartition, Long> next, boolean dryRun, Tally tally) {
        if (!dryRun && batch.stream().anyMatch(s -> s.ack() != null)) {
            producer.flush();
        }
        Set<TopicPartition> failedPartitions = new java.util.HashSet<>();
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (Step s : batch) {
            String failure = s.ack() == null ? null : awaitAck(s.ack());
            if (s.ack() != null) {
                tally.sending--;
                if (failure == null) {
                    tally.replayed++;
                } else {
                    tally.failed++;
                    tally.failure = tally.failure == null ? failure : tally.failure;
                }
            }
            if (failure != null) {
                failedPartitions.add(s.tp());
            }
            if (!failedPartitions.contains(s.tp())) {
                next.put(s.tp(), s.offset() + 1);
                commits.put(s.tp(), new OffsetAndMetadata(s.offset() + 1));
            }
        }
        if (!dryRun && !commits.isEmpty()) {
            consumer.commitSync(commits);
        }
        return failedPartitions.isEmpty();
    }

    private static String awaitAck(Future<RecordMetadata> ack) {
        try {
            ack.get(ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        } catch (TimeoutException e) {
            return "no acknowledgement within " + ACK_TIMEOUT_MS / 1000 + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the acknowledgement";
        }
    }

    private static boolean reachedEnd(Map<TopicPartition, Long> next, Map<TopicPartition, Long> ends) {
        return next.entrySet().stream().allMatch(e -> e.getValue() >= ends.get(e.getKey()));
    }

    private static long remaining(Map<TopicPartition, Long> next, Map<TopicPartition, Long> ends) {
        return next.entrySet().stream().mapToLong(e -> Math.max(0, ends.get(e.getKey()) - e.getValue())).sum();
    }

    private static final class Tally {
        long replayed;
        long sending;
        long parked;
        long filteredOut;
        long unreplayable;
        long failed;
        String failure;

        ReplayReport report(long remaining) {
            return new ReplayReport(replayed, parked, filteredOut, unreplayable, failed, Optional.ofNullable(failure),
                    remaining);
        }
    }
}
