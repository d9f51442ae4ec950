package io.onex.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventSource;
import io.onex.api.OutboundEvent;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class ProducerThreadHandOffTest {

    /** Remembers on which thread each send was made. */
    private static final class ThreadRecordingProducer extends MockProducer<byte[], byte[]> {
        final List<String> sendThreads = new CopyOnWriteArrayList<>();

        ThreadRecordingProducer() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            sendThreads.add(Thread.currentThread().getName());
            return super.send(record, callback);
        }
    }

    private final ThreadRecordingProducer producer = new ThreadRecordingProducer();
    private final KafkaEventPublisher publisher = new KafkaEventPublisher(producer, new EnvelopeCodec(),
            new EventSource("svc", "effect", "node-1"), Map.of(), t -> t, Clock.systemUTC());

    private static OutboundEvent event() {
        return OutboundEvent.builder("topic-a", "SOMETHING_HAPPENED").correlationId("c-1").build();
    }

    @Test
    void aPublishFromAnOrdinaryThreadSendsOnThatThread() throws Exception {
        publisher.publish(event()).toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(producer.sendThreads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void aPublishFromAProducersIoThreadIsHandedOffSoItCannotStallTheProducersIoThread() throws Exception {
        CompletableFuture<Object> done = new CompletableFuture<>();
        // what the producer's I/O thread looks like to code chained onto a delivery
        Thread io = new Thread(() -> publisher.publish(event()).whenComplete((r, e) -> done.complete(e == null ? r : e)),
                org.apache.kafka.clients.producer.KafkaProducer.NETWORK_THREAD_PREFIX + " | test");
        io.start();

        assertThat(done.get(5, TimeUnit.SECONDS)).isInstanceOf(io.onex.api.DeliveryReceipt.class);
        assertThat(producer.sendThreads).containsExactly("onex-send-handoff");
    }
}
