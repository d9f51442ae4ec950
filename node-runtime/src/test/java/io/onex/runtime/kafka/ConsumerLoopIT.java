package io.onex.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onex.runtime.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsumerLoopIT {

    private final Map<String, Object> base = Map.of("bootstrap.servers", SharedKafka.bootstrapServers());
    private final String topic = SharedKafka.uniqueTopic("consumer-loop-it");
    private final String group = SharedKafka.uniqueTopic("consumer-loop-it-group");
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final Set<String> handled = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void commitsWhatItHandledAndNextLoopInGroupStartsAfterCommittedOffsets() throws Exception {
        try (Admin admin = Admin.create(KafkaClientProperties.admin(base))) {
            new TopicProvisioner(admin, 3, (short) 1, "producer").ensureTopics(List.of(topic), Duration.ofSeconds(30));
            produce("first", 30);

            ConsumerLoop first = loop("first-loop");
            first.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == 30);
            await().atMost(Duration.ofSeconds(30)).until(() -> committedTotal(admin) == 30);
            assertThat(first.assignment()).hasSize(3);
            first.close(Duration.ofSeconds(10));
            assertThat(first.isRunning()).isFalse();
            assertThat(first.failure()).isEmpty();
            assertThat(handled).allMatch(v -> v.startsWith("first-"));

            produce("second", 10);
            handled.clear();
            ConsumerLoop second = loop("second-loop");
            second.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == 10);
                await().atMost(Duration.ofSeconds(30)).until(() -> committedTotal(admin) == 40);
                assertThat(handled).as("nothing committed by the first loop comes again")
                        .allMatch(v -> v.startsWith("second-"));
            } finally {
                second.close(Duration.ofSeconds(10));
            }
        }
    }

    private ConsumerLoop loop(String clientId) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClientProperties.consumer(base, group, clientId, 100, 10_000, "earliest"));
        return ConsumerLoop.builder(clientId, consumer).topics(List.of(topic))
                .handler(record -> CompletableFuture.supplyAsync(() -> {
                    handled.add(new String(record.value(), StandardCharsets.UTF_8));
                    return RecordOutcome.PROCESSED;
                }, workers))
                .gate(FlowGate.ALWAYS_OPEN).maxInFlight(16).pollTimeout(Duration.ofMillis(200))
                .meterRegistry(new SimpleMeterRegistry()).build();
    }

    private void produce(String prefix, int count) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KafkaClientProperties.producer(base, "consumer-loop-it", "none"))) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, (prefix + "-" + i).getBytes(StandardCharsets.UTF_8)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private long committedTotal(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }
}
