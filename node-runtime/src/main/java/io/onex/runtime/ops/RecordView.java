package io.onex.runtime.ops;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A record as {@code onex tail} shows it: where it is, and what it holds, decoded as far as it decodes. Every text
 * field is as it came off the wire (escape it before printing: {@link SafeText}); the payload has its secrets
 * masked.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset
 * @param recordTime the record's Kafka timestamp
 * @param key the key as escaped text ({@code null} when absent)
 * @param kind envelope, dead letter or undecodable
 * @param eventType the envelope's event type (for a dead letter: the original envelope's), else empty
 * @param eventTime the envelope's timestamp
 * @param correlationId the envelope's (or dead letter's) correlation id
 * @param payload the payload, secrets masked (empty map when none)
 * @param error for a dead letter: {@code exception-class: message} as the runtime recorded it
 * @param deadLetterOrigin for a dead letter: {@code topic[partition]@offset, N attempts, node}
 * @param problem for an undecodable record: why it does not decode
 * @param raw for an undecodable record: its value, escaped and cut
 */
public record RecordView(String topic, int partition, long offset, Instant recordTime, String key, Kind kind,
        Optional<String> eventType, Optional<Instant> eventTime, Optional<String> correlationId,
        Map<String, Object> payload, Optional<String> error, Optional<String> deadLetterOrigin,
        Optional<String> problem, Optional<String> raw) {

    /** What the record is. */
    public enum Kind {
        /** An ONEX envelope. */
        ENVELOPE,
        /** A dead letter of the runtime (on a {@code .dlq} topic, or carrying {@code onex.dlq.*} headers). */
        DEAD_LETTER,
        /** Neither: bytes shown escaped. */
        UNDECODABLE;

        /** As printed: {@code envelope}, {@code dlq}, {@code undecodable}. */
        public String word() {
            return this == DEAD_LETTER ? "dlq" : name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
