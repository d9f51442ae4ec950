package io.onex.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch node on the embedded broker: the records of a poll reach it in batches, a poison record is dead-lettered
 * alone, and a downstream outage opens the breaker without losing or dead-lettering anything.
 */
class BatchSinkIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private String tenant;
    private OnexRuntime runtime;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void startRuntime() {
        RecordingBatchSink.reset();
        tenant = "it_" + UUID.randomUUID().toString().substring(0, 8);
        runtime = OnexRuntime.builder()
                .contracts(Path.of("src/test/resources/it-batch-contracts"))
                .environment(Map.of("ONEX_TENANT", tenant, "ONEX_CREATE_TOPICS", "true"))
                .bootstrapServers(SharedKafka.bootstrapServers())
                .httpPort(-1)
                .build()
                .start();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20));
    }

    @AfterEach
    void stopRuntime() {
        RecordingBatchSink.DOWN.set(false);
        if (producer != null) {
            producer.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private String topic() {
        return "dev." + tenant + ".onex.evt.it-batch.v1";
    }

    private List<EventEnvelope> send(int n, int poisonAt) {
        List<EventEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EventEnvelope e = EventEnvelope.create("IT_BATCH", UUID.randomUUID().toString(), null, Instant.now(),
                    new EventSource("it", "effect", "it-producer"), Map.of(),
                    i == poisonAt ? Map.of("n", i, "poison", true) : Map.of("n", i));
            producer.send(new ProducerRecord<>(topic(), e.correlationId().getBytes(StandardCharsets.UTF_8),
                    codec.encode(e)));
            sent.add(e);
        }
        producer.flush();
        return sent;
    }

    private static Set<String> ids(List<EventEnvelope> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.eventId()));
        return ids;
    }

    @Test
    void theRecordsOfAPollAreTakenInBatchesAndAPoisonRecordIsDeadLetteredAlone() {
        try (TopicReader dlq = new TopicReader(runtime.bootstrapServers(), topic() + ".dlq")) {
            List<EventEnvelope> sent = send(300, 123);
            EventEnvelope poison = sent.get(123);
            List<EventEnvelope> good = new ArrayList<>(sent);
            good.remove(123);

            Awaitility.await().atMost(WAIT).until(() -> RecordingBatchSink.taken().containsAll(ids(good)));
            ConsumerRecord<byte[], byte[]> letter = dlq.await(WAIT, r -> true);

            assertThat(TopicReader.json(letter).path("correlation_id").asText()).isEqualTo(poison.correlationId());
            assertThat(TopicReader.json(letter).path("original_envelope").path("event_id").asText())
                    .isEqualTo(poison.eventId());
            assertThat(dlq.drainFor(Duration.ofSeconds(1))).as("only the poison record").hasSize(1);
            assertThat(RecordingBatchSink.TAKEN).as("each good record taken once").hasSize(299)
                    .allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
            assertThat(RecordingBatchSink.BATCH_SIZES).as("a poll's records go together, at most batch_size")
                    .allMatch(size -> size <= 50).anyMatch(size -> size > 1);
        }
    }

    @Test
    void aDownstreamOutageOpensTheBreakerAndEveryRecordIsTakenOnceItIsBack() {
        try (TopicReader dlq = new TopicReader(runtime.bootstrapServers(), topic() + ".dlq")) {
            RecordingBatchSink.DOWN.set(true);
            List<EventEnvelope> sent = send(40, -1);
            Awaitility.await().atMost(WAIT)
                    .until(() -> runtime.invoker("batch_sink").breakerState().wireName().equals("open"));

            RecordingBatchSink.DOWN.set(false);

            Awaitility.await().atMost(WAIT).until(() -> RecordingBatchSink.taken().containsAll(ids(sent)));
            assertThat(dlq.drainFor(Duration.ofSeconds(1))).as("an outage dead-letters nothing").isEmpty();
        }
    }
}
