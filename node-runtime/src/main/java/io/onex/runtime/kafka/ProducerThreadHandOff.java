package io.onex.runtime.kafka;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Keeps sends off a Kafka client's own threads. Code chained onto a delivery (a completion stage, a callback) runs on
 * the producer's I/O thread; if that code sends to a topic whose metadata the producer has not fetched yet,
 * {@code send()} waits for metadata that only this very thread can fetch, and the whole producer stalls for
 * {@code max.block.ms} (seen as "Topic ... not present in metadata after 10000 ms", then heartbeats timing out and
 * breakers opening). So a send attempted on a producer's I/O thread (named
 * {@link KafkaProducer#NETWORK_THREAD_PREFIX}{@code  | <client id>}) is handed to one daemon thread of this JVM
 * instead; a send from any other thread goes straight through, at the cost of a name check.
 */
public final class ProducerThreadHandOff {
    private ProducerThreadHandOff() {
    }

    /** Whether the calling thread is a Kafka producer's I/O thread. */
    public static boolean onKafkaThread() {
        return Thread.currentThread().getName().startsWith(KafkaProducer.NETWORK_THREAD_PREFIX);
    }

    /**
     * Runs {@code send} here, or on the hand-off thread when called on a producer's I/O thread.
     *
     * @param send the send; must report its own failures (it may run on another thread)
     */
    public static void send(Runnable send) {
        if (onKafkaThread()) {
            Holder.EXECUTOR.execute(send);
        } else {
            send.run();
        }
    }

    private static final class Holder {
        static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "onex-send-handoff");
            t.setDaemon(true);
            return t;
        });
    }
}
