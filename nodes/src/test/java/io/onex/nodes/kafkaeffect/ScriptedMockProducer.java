package io.onex.nodes.kafkaeffect;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A {@link MockProducer} that fails chosen sends the way {@code KafkaProducer} does (callback with the error,
 * failed future, nothing recorded): the next n sends to a topic, or every send with a given key. Counts every send
 * it was asked to make, so a test can tell that a call never reached the producer. A transactional one can hold its
 * commits until released, as a commit waiting for an absent broker does.
 */
final class ScriptedMockProducer extends MockProducer<byte[], byte[]> {

    private final Map<String, Deque<RuntimeException>> topicFailures = new HashMap<>();
    private final Map<String, RuntimeException> keyFailures = new HashMap<>();
    private final Map<String, Integer> sendsByTopic = new HashMap<>();
    private volatile CountDownLatch commitsHeld = new CountDownLatch(0);
    private final java.util.concurrent.atomic.AtomicInteger commitFailures = new java.util.concurrent.atomic.AtomicInteger();
    private volatile RuntimeException commitFailure;
    private final java.util.concurrent.atomic.AtomicInteger aborts = new java.util.concurrent.atomic.AtomicInteger();

    ScriptedMockProducer(boolean autoComplete) {
        super(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    synchronized void failNextSends(String topic, int n, RuntimeException error) {
        Deque<RuntimeException> q = topicFailures.computeIfAbsent(topic, t -> new ArrayDeque<>());
        for (int i = 0; i < n; i++) {
            q.add(error);
        }
    }

    synchronized void failSendsWithKey(String key, RuntimeException error) {
        keyFailures.put(key, error);
    }

    /** Makes every {@code commitTransaction()} wait (at most 10 s) until {@link #releaseCommits()}. */
    void holdCommits() {
        commitsHeld = new CountDownLatch(1);
    }

    void releaseCommits() {
        commitsHeld.countDown();
    }

    /** The next {@code n} commits throw {@code error} (the transaction stays open, as Kafka's on a timeout). */
    void failNextCommits(int n, RuntimeException error) {
        commitFailure = error;
        commitFailures.set(n);
    }

    int aborts() {
        return aborts.get();
    }

    @Override
    public void abortTransaction() {
        aborts.incrementAndGet();
        super.abortTransaction();
    }

    @Override
    public void commitTransaction() {
        if (commitFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw commitFailure;
        }
        try {
            if (!commitsHeld.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("commit held for 10 s: the test never released it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.errors.InterruptException(e);
        }
        super.commitTransaction();
    }

    synchronized int sendsTo(String topic) {
        return sendsByTopic.getOrDefault(topic, 0);
    }

    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        sendsByTopic.merge(record.topic(), 1, Integer::sum);
        Deque<RuntimeException> q = topicFailures.get(record.topic());
        RuntimeException error = q == null ? null : q.poll();
        if (error == null && record.key() != null) {
            error = keyFailures.get(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (error != null) {
            if (callback != null) {
                callback.onCompletion(null, error);
            }
            return CompletableFuture.failedFuture(error);
        }
        return super.send(record, callback);
    }
}
