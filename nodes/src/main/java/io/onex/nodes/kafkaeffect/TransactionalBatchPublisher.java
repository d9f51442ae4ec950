package io.onex.nodes.kafkaeffect;

import io.onex.api.AttemptedEvent;
import io.onex.api.DeliveryReceipt;
import io.onex.api.NonRetryableException;
import io.onex.runtime.kafka.KafkaEventPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes batches all-or-nothing with a transactional producer of its own ({@code transactional.id} derived from
 * the node id). A producer runs one transaction at a time, so batches are serialized on one thread, which is also
 * the only thread that touches the producer; callers get a stage and never block. The producer is created on the
 * first batch and replaced after a fatal error (fenced, or an abort that failed).
 */
final class TransactionalBatchPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalBatchPublisher.class);
    /** Waits of {@code max.block.ms} (10 s) each for a commit's outcome: a broker away up to a minute. */
    static final int COMMIT_TRIES = 6;

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final Function<Producer<byte[], byte[]>, KafkaEventPublisher> publishers;
    private final String transactionalId;
    private final ExecutorService thread;
    private Producer<byte[], byte[]> producer;
    private KafkaEventPublisher publisher;

    TransactionalBatchPublisher(Supplier<Producer<byte[], byte[]>> producers,
            Function<Producer<byte[], byte[]>, KafkaEventPublisher> publishers, String transactionalId) {
        this.producers = producers;
        this.publishers = publishers;
        this.transactionalId = transactionalId;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "onex-kafka-effect-tx-" + transactionalId);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Publishes the events in one transaction.
     *
     * @param events the events, in order
     * @return the receipts in input order, or an {@link AtomicBatchAbortedException} when the transaction was aborted
     */
    CompletableFuture<List<DeliveryReceipt>> publish(List<AttemptedEvent> events) {
        try {
            return CompletableFuture.supplyAsync(() -> inTransaction(events), thread);
        } catch (RuntimeException e) {
            // rejected after close()
            return CompletableFuture.failedFuture(e);
        }
    }

    private List<DeliveryReceipt> inTransaction(List<AttemptedEvent> events) {
        ensureProducer();
        try {
            producer.beginTransaction();
        } catch (KafkaException e) {
            discard(); // a producer that cannot begin (fenced, fatal state) will not recover
            throw e;
        }
        List<CompletableFuture<DeliveryReceipt>> sends = new ArrayList<>(events.size());
        for (AttemptedEvent e : events) {
            sends.add(publisher.publishEnvelope(e.topic(), e.key(), e.envelope(), e.headers()).toCompletableFuture());
        }
        try {
            producer.flush();
        } catch (KafkaException e) {
            // the sends' own outcomes below say which event failed
        }
        List<DeliveryReceipt> receipts = new ArrayList<>(events.size());
        for (int i = 0; i < sends.size(); i++) {
            try {
                receipts.add(sends.get(i).join());
            } catch (CompletionException e) {
                abort();
                throw new AtomicBatchAbortedException("atomic batch of " + events.size() + " events aborted: event "
                        + i + " (" + events.get(i).topic() + ") failed: " + e.getCause(), e.getCause());
            }
        }
        commit(events.size());
        return receipts;
    }

    /**
     * Commits, waiting again while the producer says the commit's outcome is not known yet ({@code max.block.ms}
     * passed with the broker away). Aborting then would not undo a commit the coordinator had already prepared, and
     * the batch's retry would commit it a second time; Kafka lets the same commit be awaited again instead.
     */
    private void commit(int size) {
        for (int tries = 1; ; tries++) {
            try {
                producer.commitTransaction();
                return;
            } catch (TimeoutException e) {
                if (tries < COMMIT_TRIES) {
                    LOG.warn("transactional producer {}: commit of an atomic batch not confirmed yet ({}); waiting again",
                            transactionalId, e.getMessage());
                    continue;
                }
                discard();
                throw new NonRetryableException("atomic batch of " + size + " events: commit not confirmed after "
                        + tries + " waits; it may be committed, so it is not retried (that could commit it twice)", e);
            } catch (KafkaException e) {
                abort();
                throw new AtomicBatchAbortedException("atomic batch of " + size + " events aborted: commit failed: "
                        + e, e);
            }
        }
    }

    private void ensureProducer() {
        if (producer != null) {
            return;
        }
        Producer<byte[], byte[]> p = producers.get();
        try {
            p.initTransactions();
        } catch (RuntimeException e) {
            p.close(Duration.ZERO);
            throw e;
        }
        producer = p;
        publisher = publishers.apply(p);
        LOG.info("transactional producer {} ready", transactionalId);
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (ProducerFencedException e) {
            LOG.warn("transactional producer {} was fenced by another instance; replacing it", transactionalId);
            discard();
        } catch (KafkaException e) {
            LOG.warn("transactional producer {} could not abort ({}); replacing it", transactionalId, e.toString());
            discard();
        }
    }

    private void discard() {
        Producer<byte[], byte[]> p = producer;
        producer = null;
        publisher = null;
        try {
            p.close(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debug("closing discarded producer {} failed: {}", transactionalId, e.toString());
        }
    }

    /** Waits (bounded) for the batch in progress, then closes the producer. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    void close(Duration timeout) {
        try {
            thread.submit(() -> {
                if (producer != null) {
                    producer.close(timeout);
                    producer = null;
                }
            }).get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.warn("closing transactional producer {} failed: {}", transactionalId, e.toString());
        } finally {
            thread.shutdownNow();
        }
    }
}
