package io.onex.bench;

import io.onex.runtime.kafka.KafkaClientProperties;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The baseline process of {@code onex bench startup}: a JVM that makes a plain kafka-clients producer, sends one
 * record and waits for its acknowledgement. What a process on this classpath and broker cannot start faster than.
 * Arguments: bootstrap servers, topic.
 */
public final class FirstSendBaseline {

    private FirstSendBaseline() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> base = Map.of("bootstrap.servers", args[0]);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaClientProperties.producer(base, "onex-bench-startup-baseline", "none"))) {
            producer.send(new ProducerRecord<>(args[1], "ready".getBytes(StandardCharsets.UTF_8))).get();
        }
    }
}
