package io.onex.runtime.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.TopicName;
import io.onex.runtime.deadletter.DeadLetterHeaders;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Reads back what the test kits' MockProducers were sent: events decoded as envelopes, dead letters as JSON. */
final class SentRecords {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private SentRecords() {
    }

    /**
     * Every record sent to a topic that is not a dead-letter topic and not the runtime's own introspection or
     * heartbeat topic, in order (producer by producer).
     *
     * @param topicResolver resolves an ONEX reference to the full topic name, as the runtime does
     */
    static List<PublishedRecord> published(List<MockProducer<byte[], byte[]>> producers, EnvelopeCodec codec,
            UnaryOperator<String> topicResolver) {
        String introspection = topicResolver.apply(BridgeTopics.NODE_INTROSPECTION);
        String heartbeat = topicResolver.apply(BridgeTopics.NODE_HEARTBEAT);
        List<PublishedRecord> out = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : sent(producers)) {
            if (!isDeadLetter(r) && !r.topic().equals(introspection) && !r.topic().equals(heartbeat)) {
                out.add(new PublishedRecord(r.topic(), text(r.key()), codec.decode(r.value()), r.headers()));
            }
        }
        return out;
    }

    /**
     * A dead letter: on a {@code <topic>.dlq} topic, or on a dead-letter topic a contract names
     * ({@code topic_settings.<topic>.dead_letter_topic}), which the router marks with its headers.
     */
    private static boolean isDeadLetter(ProducerRecord<byte[], byte[]> r) {
        return TopicName.isDeadLetter(r.topic()) || r.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC) != null;
    }

    /** Every dead letter sent (to {@code <topic>.dlq} or a dead-letter topic a contract names), in order. */
    static List<DeadLetterRecord> deadLetters(List<MockProducer<byte[], byte[]>> producers, EnvelopeCodec codec) {
        List<DeadLetterRecord> out = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : sent(producers)) {
            if (isDeadLetter(r)) {
                try {
                    out.add(new DeadLetterRecord(r.topic(), text(r.key()), codec.mapper().readValue(r.value(), MAP),
                            r.headers()));
                } catch (IOException e) {
                    throw new UncheckedIOException("dead-letter record on " + r.topic() + " is not JSON", e);
                }
            }
        }
        return out;
    }

    private static List<ProducerRecord<byte[], byte[]>> sent(List<MockProducer<byte[], byte[]>> producers) {
        List<ProducerRecord<byte[], byte[]>> all = new ArrayList<>();
        for (MockProducer<byte[], byte[]> p : producers) {
            all.addAll(p.history());
        }
        return all;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
