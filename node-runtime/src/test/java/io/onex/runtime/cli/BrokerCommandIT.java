package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** {@code onex broker} as a user runs it: a separate JVM that prints its bootstrap line, usable by a plain producer. */
class BrokerCommandIT {

    @Test
    void brokerPrintsItsBootstrapLineAndAcceptsAPlainProducer() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process broker = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.onex.runtime.cli.OnexCli", "broker")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> bootstrapLine = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith("bootstrap=")) {
                            return line;
                        }
                    }
                    return null;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            // a bound against a hung start, not a speed target: start times are measured by the closing note, not here
            String line = bootstrapLine.get(90, TimeUnit.SECONDS);

            assertThat(line).matches("bootstrap=127\\.0\\.0\\.1:\\d+");
            String bootstrap = line.substring("bootstrap=".length());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                RecordMetadata sent = producer.send(new ProducerRecord<>("cli-broker-check", "k", "v"))
                        .get(30, TimeUnit.SECONDS);
                assertThat(sent.offset()).isZero();
            }
        } finally {
            broker.destroy();
            if (!broker.waitFor(Duration.ofSeconds(15).toSeconds(), TimeUnit.SECONDS)) {
                broker.destroyForcibly();
            }
        }
        assertThat(List.of(0, 143)).contains(broker.exitValue());
    }
}
