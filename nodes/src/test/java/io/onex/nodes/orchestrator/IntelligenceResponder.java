package io.onex.nodes.orchestrator;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.bridge.StampEventFields;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A fake intelligence service: reads ONEXTREE_INTELLIGENCE_REQUESTED from the end of the requests topic (assigned, no
 * group, so it answers at once) and answers each on the response topic with the request's id and
 * {@code {"summary": "intelligence for <file_name>", "file_hash": ...}}.
 */
final class IntelligenceResponder implements AutoCloseable {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String responseTopic;
    private final Thread thread;
    private volatile boolean stopped;

    IntelligenceResponder(String requestTopic, String responseTopic) {
        this.responseTopic = responseTopic;
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(requestTopic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fixes the start before any request is sent
        this.thread = new Thread(this::answer, "it-intelligence-responder");
        thread.setDaemon(true);
        thread.start();
    }

    private void answer() {
        try {
            while (!stopped) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    EventEnvelope request = codec.decode(r.value());
                    Map<String, Object> p = request.payload();
                    EventEnvelope response = EventEnvelope.create("ONEXTREE_INTELLIGENCE_RESPONSE",
                            request.correlationId(), request.eventId(), Instant.now(),
                            new EventSource("it", "effect", "fake-intelligence"), Map.of(),
                            Map.of(StampEventFields.REQUEST_ID, p.get(StampEventFields.REQUEST_ID),
                                    StampEventFields.INTELLIGENCE, Map.of("summary", "intelligence for "
                                            + p.get(StampEventFields.FILE_NAME), "file_hash",
                                            p.get(StampEventFields.FILE_HASH))));
                    producer.send(new ProducerRecord<>(responseTopic,
                            request.correlationId().getBytes(StandardCharsets.UTF_8), codec.encode(response)));
                }
                producer.flush();
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        consumer.wakeup();
        thread.join(10_000);
        producer.close();
    }
}
