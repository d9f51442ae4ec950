package io.onex.runtime.kafka;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what follows a delivery off the producer's I/O thread, in the order the deliveries were reported. That thread
 * reports every record's outcome, one after another, and also drains the batches to the broker: what a callback does
 * there (a node call's verdict: breaker, retry, metrics, the caller's own continuation) delays the next batch, and
 * measured by JFR it cost that thread several times what the send itself costs. Here a report from the I/O thread
 * only joins a queue; one drain task, started when the queue goes from idle to busy, runs every queued report on the
 * hand-off thread. A report from any other thread (a synchronous send failure, a {@code MockProducer}) runs at once,
 * where it is made.
 */
public final class DeliveryHandOff {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryHandOff.class);

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Executor executor;

    /** @param executor runs the drain task; one thread keeps the reports in order */
    DeliveryHandOff(Executor executor) {
        this.executor = executor;
    }

    /** The JVM's hand-off, on one daemon thread {@code onex-delivery-handoff}. */
    public static DeliveryHandOff shared() {
        return Holder.SHARED;
    }

    /**
     * Runs {@code report} here, or on the hand-off thread when called on a producer's I/O thread.
     *
     * @param report what to do with a delivery's outcome; must not throw (a throw is logged and dropped)
     */
    public void run(Runnable report) {
        if (!ProducerThreadHandOff.onKafkaThread()) {
            report.run();
            return;
        }
        queue.offer(report);
        // offered before draining is read: a drain that has just finished re-checks the queue after clearing it
        if (!draining.get() && draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        do {
            for (Runnable r = queue.poll(); r != null; r = queue.poll()) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("a delivery report failed: {}", e.toString());
                }
            }
            draining.set(false);
        } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    }

    private static final class Holder {
        static final DeliveryHandOff SHARED;

        static {
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "onex-delivery-handoff");
                t.setDaemon(true);
                return t;
            });
            SHARED = new DeliveryHandOff(executor);
        }
    }
}
