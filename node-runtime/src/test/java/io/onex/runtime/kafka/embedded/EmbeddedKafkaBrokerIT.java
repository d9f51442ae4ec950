package io.onex.runtime.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.kafka.embedded.EmbeddedKafkaBroker;
import io.onex.runtime.kafka.KafkaClientProperties;
import io.onex.runtime.kafka.TopicProvisioner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaBrokerIT {

    @Test
    void keepsPortAndDataAcrossStopAndRestartAndDeletesItsDirectoryOnClose() throws Exception {
        long t0 = System.nanoTime();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        long coldMs = (System.nanoTime() - t0) / 1_000_000;
        Path dataDir = broker.dataDirectory();
        try {
            String bootstrap = broker.bootstrapServers();
            Map<String, Object> base = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            try (Admin admin = Admin.create(KafkaClientProperties.admin(base))) {
                new TopicProvisioner(admin, 1, (short) 1, "producer").ensureTopics(List.of("restart-topic"),
                        Duration.ofSeconds(30));
            }
            send(base, "before-stop");

            long s0 = System.nanoTime();
            broker.stop();
            long stopMs = (System.nanoTime() - s0) / 1_000_000;
            assertThat(broker.isRunning()).isFalse();
            long r0 = System.nanoTime();
            broker.restart();
            long restartMs = (System.nanoTime() - r0) / 1_000_000;
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            send(base, "after-restart");

            assertThat(readAll(base, 2)).containsExactly("before-stop", "after-restart");
            System.out.printf("[measure] embedded broker: cold start %d ms, stop %d ms, restart same dir/port %d ms%n",
                    coldMs, stopMs, restartMs);
            assertThat(dataDir).isDirectory();
        } finally {
            broker.close();
        }
        broker.close(); // idempotent
        assertThat(broker.isRunning()).isFalse();
        assertThat(Files.exists(dataDir)).isFalse();
        assertThat(Files.exists(dataDir)).isFalse();

        long t1 = System.nanoTime();
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start()) {
            System.out.printf("[measure] embedded broker: second fresh start in the same JVM %d ms%n",
                    (System.nanoTime() - t1) / 1_000_000);
            assertThat(second.port()).isNotEqualTo(broker.port());
        }
    }

    @Test
    void aBrokerStartedOnTheDataDirectoryOfAnEarlierOneServesItsRecords() throws Exception {
        Path dir = Files.createTempDirectory("embedded-broker-it");
        try {
            try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().dataDirectory(dir).start()) {
                Map<String, Object> base = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                        first.bootstrapServers());
                try (Admin admin = Admin.create(KafkaClientProperties.admin(base))) {
                    new TopicProvisioner(admin, 1, (short) 1, "producer").ensureTopics(List.of("restart-topic"),
                            Duration.ofSeconds(30));
                }
                send(base, "first-broker");
            }
            // a new broker on the same directory, as a broker process started again after it died would be
            try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().dataDirectory(dir).start()) {
                assertThat(readAll(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers()), 1))
                        .containsExactly("first-broker");
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void send(Map<String, Object> base, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(KafkaClientProperties.producer(base, "it", "none"))) {
            p.send(new ProducerRecord<>("restart-topic", value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static List<String> readAll(Map<String, Object> base, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(
                KafkaClientProperties.consumer(base, "restart-reader", "it", 100, 10_000, "earliest"))) {
            c.subscribe(List.of("restart-topic"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    values.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }
}
