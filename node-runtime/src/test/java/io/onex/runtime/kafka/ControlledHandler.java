package io.onex.runtime.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** A {@link RecordHandler} whose records finish only when the test says so, in any order, from the test thread. */
final class ControlledHandler implements RecordHandler {

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final Map<String, List<CompletableFuture<RecordOutcome>>> deliveries = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<RecordOutcome> handle(ConsumerRecord<byte[], byte[]> record) {
        String id = id(new TopicPartition(record.topic(), record.partition()), record.offset());
        CompletableFuture<RecordOutcome> f = new CompletableFuture<>();
        deliveries.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(f);
        handled.add(id);
        return f;
    }

    /** Records handed to the handler so far, as {@code topic-partition@offset}, redeliveries included. */
    List<String> handled() {
        return List.copyOf(handled);
    }

    void complete(TopicPartition tp, long offset) {
        future(tp, offset).complete(RecordOutcome.PROCESSED);
    }

    void deadLetter(TopicPartition tp, long offset) {
        future(tp, offset).complete(RecordOutcome.DEAD_LETTERED);
    }

    /** Completes one delivery of a record that was delivered more than once (0 = the first). */
    void completeDelivery(TopicPartition tp, long offset, int delivery) {
        deliveries.get(id(tp, offset)).get(delivery).complete(RecordOutcome.PROCESSED);
    }

    void fail(TopicPartition tp, long offset) {
        future(tp, offset).completeExceptionally(new IllegalStateException("breaker open"));
    }

    private CompletableFuture<RecordOutcome> future(TopicPartition tp, long offset) {
        List<CompletableFuture<RecordOutcome>> all = deliveries.get(id(tp, offset));
        if (all == null) {
            throw new AssertionError(id(tp, offset) + " was never handed out; handled: " + handled);
        }
        return all.get(all.size() - 1);
    }

    static String id(TopicPartition tp, long offset) {
        return tp + "@" + offset;
    }
}
