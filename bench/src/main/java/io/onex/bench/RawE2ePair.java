package io.onex.bench;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.ProducerTuning;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The baseline of {@code onex bench e2e}: a plain kafka-clients producer and consumer on the same broker, with the
 * node path's producer settings and the runtime's consumer settings (read-committed, manual commits, the same poll
 * size). The producer sends the same envelope bytes the node does (the runtime's codec), the consumer decodes each
 * record with the same codec and records its publish-to-handled time, then commits after each poll.
 */
final class RawE2ePair implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final String topic;
    private final E2eLatencies latencies;
    private final EventSource source = new EventSource("onex-bench", "effect", "raw-e2e");
    private final AtomicLong failures = new AtomicLong();
    private final Thread poller;
    private volatile boolean running = true;

    RawE2ePair(Map<String, Object> base, String topic, ProducerTuning tuning, int maxPollRecords,
            E2eLatencies latencies) {
        this.topic = topic;
        this.latencies = latencies;
        this.producer = new KafkaProducer<>(KafkaClientProperties.producer(base, "onex-bench-e2e-raw", tuning));
        String group = "onex-bench-e2e-raw-" + UUID.randomUUID().toString().substring(0, 8);
        this.consumer = new KafkaConsumer<>(KafkaClientProperties.consumer(base, group, group, maxPollRecords, 6_000,
                "earliest"));
        consumer.subscribe(List.of(topic));
        this.poller = new Thread(this::poll, "onex-bench-e2e-raw-consumer");
        poller.setDaemon(true);
        poller.start();
    }

    void send(int phase, long dueNanos, String pad) {
        String correlationId = UUID.randomUUID().toString();
        EventEnvelope e = new EventEnvelope(UUID.randomUUID().toString(), BenchE2eCommand.EVENT_TYPE, correlationId,
                null, Instant.now(), EventEnvelope.CURRENT_VERSION, source, Map.of(),
                Map.of(E2eProbeNode.DUE_NANOS, dueNanos, E2eProbeNode.PHASE, phase, "pad", pad), Map.of());
        producer.send(new ProducerRecord<>(topic, correlationId.getBytes(StandardCharsets.UTF_8), codec.encode(e)),
                (md, error) -> {
                    if (error != null) {
                        failures.incrementAndGet();
                    }
                });
    }

    long failures() {
        return failures.get();
    }

    private void poll() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    Map<String, Object> payload = codec.decode(r.value()).payload();
                    if (payload.get(E2eProbeNode.DUE_NANOS) instanceof Number due
                            && payload.get(E2eProbeNode.PHASE) instanceof Number phase) {
                        latencies.handled(phase.intValue(), due.longValue());
                    }
                }
                if (!records.isEmpty()) {
                    consumer.commitAsync();
                }
            }
        } catch (WakeupException e) {
            // close() asked the poller to stop
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(10_000);
        producer.close(Duration.ofSeconds(10));
    }
}
