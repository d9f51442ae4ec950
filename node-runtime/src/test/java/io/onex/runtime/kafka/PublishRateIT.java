package io.onex.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.DeliveryReceipt;
import io.onex.api.EventSource;
import io.onex.api.OutboundEvent;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.testing.SharedKafka;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * Measures (prints, does not assert a rate) publishing through {@link KafkaEventPublisher} next to a raw
 * kafka-clients loop with the same producer settings, alternating the contenders round by round. The raw loop sends
 * a pre-encoded envelope of the same size, once bare and once with the same four wire headers, so the print
 * separates the cost of the wire format (headers) from the publisher's own work (envelope, ids, JSON encoding).
 */
class PublishRateIT {

    private static final int RECORDS = 100_000;
    private static final int ROUNDS = 2;

    @Test
    void printsPublisherRateNextToRawProducerRate() throws Exception {
        Map<String, Object> base = Map.of("bootstrap.servers", SharedKafka.bootstrapServers());
        String topic = SharedKafka.uniqueTopic("publish-rate");
        try (Admin admin = Admin.create(KafkaClientProperties.admin(base))) {
            new TopicProvisioner(admin, 3, (short) 1, "producer").ensureTopics(List.of(topic), Duration.ofSeconds(30));
        }
        Map<String, Object> payload = Map.of("data", "x".repeat(490));
        EnvelopeCodec codec = new EnvelopeCodec();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KafkaClientProperties.producer(base, "publish-rate", "none"))) {
            KafkaEventPublisher publisher = new KafkaEventPublisher(producer, codec,
                    new EventSource("omninode_bridge", "effect", "bench-1"),
                    Map.of("environment", "dev", "node_version", "1.0.0"), t -> t, Clock.systemUTC());
            OutboundEvent event = OutboundEvent.builder(topic, "BENCH_EVENT").payload(payload).build();
            byte[] sample = codec.encode(io.onex.api.EventEnvelope.create("BENCH_EVENT", UUID.randomUUID().toString(),
                    null, Clock.systemUTC().instant(), new EventSource("omninode_bridge", "effect", "bench-1"),
                    Map.of("environment", "dev", "node_version", "1.0.0"), payload));

            Header[] headers = {new RecordHeader("event_id", UUID.randomUUID().toString().getBytes()),
                    new RecordHeader("event_type", "BENCH_EVENT".getBytes()),
                    new RecordHeader("correlation_id", UUID.randomUUID().toString().getBytes()),
                    new RecordHeader("content-type", "application/json".getBytes())};

            raw(producer, topic, sample, null, 20_000); // warm-up, every path
            raw(producer, topic, sample, headers, 20_000);
            publisher(publisher, event, 20_000);
            double[] bare = new double[ROUNDS];
            double[] withHeaders = new double[ROUNDS];
            double[] published = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                // reverse the order every other round: whoever runs right after another contender pays its GC debt
                if (round % 2 == 0) {
                    bare[round] = raw(producer, topic, sample, null, RECORDS);
                    withHeaders[round] = raw(producer, topic, sample, headers, RECORDS);
                    published[round] = publisher(publisher, event, RECORDS);
                } else {
                    published[round] = publisher(publisher, event, RECORDS);
                    withHeaders[round] = raw(producer, topic, sample, headers, RECORDS);
                    bare[round] = raw(producer, topic, sample, null, RECORDS);
                }
            }
            System.out.printf("[measure] publish %d x %d-byte envelopes (acks=all, idempotent, linger 1, no compression,"
                    + " 3 partitions), rec/s per round: raw bare %s, raw + wire headers %s, KafkaEventPublisher %s;"
                    + " publisher/raw-bare %.2f, publisher/raw-with-headers %.2f%n", RECORDS, sample.length,
                    Arrays.toString(rounded(bare)), Arrays.toString(rounded(withHeaders)),
                    Arrays.toString(rounded(published)), median(published) / median(bare),
                    median(published) / median(withHeaders));
            double publisherMedian = median(published);
            assertThat(publisherMedian).isPositive();
        }
    }

    private static double raw(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value, Header[] headers,
            int n) {
        AtomicLong failures = new AtomicLong();
        List<CompletableFuture<Void>> acks = new ArrayList<>(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks.add(ack);
            producer.send(new ProducerRecord<>(topic, null, UUID.randomUUID().toString().getBytes(), value,
                    headers == null ? null : new RecordHeaders(headers)), (md, e) -> {
                if (e != null) {
                    failures.incrementAndGet();
                }
                ack.complete(null);
            });
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        assertThat(failures.get()).as("failed raw sends").isZero();
        return rate;
    }

    private static double publisher(KafkaEventPublisher publisher, OutboundEvent event, int n) {
        List<CompletableFuture<DeliveryReceipt>> receipts = new ArrayList<>(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            receipts.add(publisher.publish(event).toCompletableFuture());
        }
        CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)).join(); // throws on any failed send
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static long[] rounded(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }
}
