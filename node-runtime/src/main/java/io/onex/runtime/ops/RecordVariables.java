package io.onex.runtime.ops;

import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The variables a {@code --where} condition reads about a record ({@link #NAMES}): where it is ({@code topic},
 * {@code partition}, {@code offset}, {@code key}, {@code kind}: envelope, dlq or undecodable), the envelope
 * ({@code event_id}, {@code event_type}, {@code correlation_id}, {@code source} with service/node_type/node_id,
 * {@code payload} with its secrets masked) and, for a dead letter, {@code error} (type, message),
 * {@code original_topic}, {@code attempts} and {@code replay_count}. What a record does not have is null.
 */
public final class RecordVariables {

    /** Every variable name a condition may read. */
    public static final Set<String> NAMES = Set.of("topic", "partition", "offset", "key", "kind", "event_id",
            "event_type", "correlation_id", "source", "payload", "error", "original_topic", "attempts",
            "replay_count");

    private final EnvelopeCodec codec;
    private final DeadLetterReader reader;

    public RecordVariables(EnvelopeCodec codec) {
        this.codec = codec;
        this.reader = new DeadLetterReader(codec);
    }

    /** The variables of a dead letter. */
    public static Map<String, Object> of(DeadLetterView v) {
        Map<String, Object> m = position(v.topic(), v.partition(), v.offset(), v.key(), "dlq");
        m.put("event_id", v.eventId().orElse(null));
        m.put("event_type", v.eventType().orElse(null));
        m.put("correlation_id", v.correlationId().orElse(null));
        m.put("source", v.source().isEmpty() ? null : v.source());
        m.put("payload", v.payload());
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", v.errorType());
        error.put("message", v.errorMessage());
        m.put("error", error);
        m.put("original_topic", v.originalTopic());
        m.put("attempts", (long) v.attempts());
        m.put("replay_count", (long) v.replayCount());
        return m;
    }

    /** The variables of any record, as {@link RecordDecoder} saw it. */
    public Map<String, Object> of(ConsumerRecord<byte[], byte[]> r, RecordView view) {
        if (view.kind() == RecordView.Kind.DEAD_LETTER) {
            return of(reader.read(r));
        }
        Map<String, Object> m = position(r.topic(), r.partition(), r.offset(), view.key(), view.kind().word());
        if (view.kind() == RecordView.Kind.ENVELOPE) {
            try {
                EventEnvelope e = codec.decode(r.value());
                m.put("event_id", e.eventId());
                m.put("event_type", e.eventType());
                m.put("correlation_id", e.correlationId());
                m.put("source", Map.of("service", e.source().service(), "node_type", e.source().nodeType(),
                        "node_id", e.source().nodeId()));
                m.put("payload", view.payload());
            } catch (InvalidInputException cannotHappen) {
                // the decoder decoded it a moment ago; leave the envelope variables null
            }
        }
        return m;
    }

    private static Map<String, Object> position(String topic, int partition, long offset, String key, String kind) {
        Map<String, Object> m = new HashMap<>();
        NAMES.forEach(n -> m.put(n, null));
        m.put("topic", topic);
        m.put("partition", (long) partition);
        m.put("offset", offset);
        m.put("key", key);
        m.put("kind", kind);
        return m;
    }
}
