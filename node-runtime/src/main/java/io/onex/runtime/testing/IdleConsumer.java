package io.onex.runtime.testing;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The consumer {@link NodeTestKit} gives the runtime's consumer loops: it subscribes, is never assigned a
 * partition and never returns a record. Its empty poll blocks for the poll timeout like the real consumer (the
 * plain {@link MockConsumer} returns at once and would spin the loop) until {@link #wakeup()}, which makes the
 * loop's close prompt. Records reach the node through {@link NodeTestKit#deliver} instead.
 */
final class IdleConsumer extends MockConsumer<byte[], byte[]> {

    private boolean wokenUp;

    IdleConsumer(String autoOffsetReset) {
        super(autoOffsetReset);
    }

    @Override
    public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left;
        while (!wokenUp && (left = deadline - System.nanoTime()) > 0) {
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.common.errors.InterruptException(e);
            }
        }
        if (wokenUp) {
            wokenUp = false;
            throw new WakeupException();
        }
        return ConsumerRecords.empty();
    }

    @Override
    public synchronized void wakeup() {
        wokenUp = true;
        notifyAll();
    }
}
