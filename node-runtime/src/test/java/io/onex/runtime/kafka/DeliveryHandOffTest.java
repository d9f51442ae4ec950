package io.onex.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryHandOffTest {

    private static final String IO_THREAD = KafkaProducer.NETWORK_THREAD_PREFIX + " | test";

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-handoff"));
    private final DeliveryHandOff handOff = new DeliveryHandOff(executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Runs {@code body} on a thread named as a producer's I/O thread is, and waits for it. */
    private static void onIoThread(Runnable body) throws InterruptedException {
        Thread io = new Thread(body, IO_THREAD);
        io.start();
        io.join(TimeUnit.SECONDS.toMillis(5));
    }

    @Test
    void reportsFromTheProducersIoThreadRunOnTheHandOffThreadInTheirOrder() throws Exception {
        int n = 10_000;
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(n);

        onIoThread(() -> {
            for (int i = 0; i < n; i++) {
                int k = i;
                handOff.run(() -> {
                    order.add(k);
                    threads.add(Thread.currentThread().getName());
                    done.countDown();
                });
            }
        });

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        assertThat(order).isEqualTo(expected);
        assertThat(threads).containsOnly("test-handoff");
    }

    @Test
    void aReportFromAnyOtherThreadRunsWhereItIsMade() {
        List<String> threads = new ArrayList<>();

        handOff.run(() -> threads.add(Thread.currentThread().getName()));

        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void aReportThatThrowsDoesNotStopTheOnesAfterIt() throws Exception {
        CountDownLatch after = new CountDownLatch(1);

        onIoThread(() -> {
            handOff.run(() -> {
                throw new IllegalStateException("a broken callback");
            });
            handOff.run(after::countDown);
        });

        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void thePublishersCallbackRunsOffTheProducersIoThread() throws Exception {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaEventPublisher publisher = new KafkaEventPublisher(producer, new EnvelopeCodec(),
                new EventSource("svc", "effect", "node-1"), Map.of(), t -> t, Clock.systemUTC());
        CompletableFuture<String> reportedOn = new CompletableFuture<>();
        EventEnvelope envelope = EventEnvelope.create("SOMETHING_HAPPENED", "c-1", null, java.time.Instant.EPOCH,
                new EventSource("svc", "effect", "node-1"), Map.of(), Map.of("k", "v"));

        publisher.publishEnvelope("topic-a", null, envelope, Map.of(),
                (DeliveryReceipt receipt, Throwable error) -> reportedOn.complete(Thread.currentThread().getName()));
        onIoThread(producer::completeNext); // the broker's answer, as the producer's I/O thread reports it

        assertThat(reportedOn.get(5, TimeUnit.SECONDS)).isEqualTo("onex-delivery-handoff");
    }
}
