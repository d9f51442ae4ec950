package io.onex.runtime.ops;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A record of a dead-letter topic as an operator reads it: where it is, the error the runtime recorded, where the
 * failed input came from, and the original envelope decoded (its payload's secrets masked) or, when the original
 * was not an envelope, its bytes escaped and cut. Plain data for the CLI and for pages alike; text fields are as they
 * came off the wire apart from masking (escape them before printing: {@link SafeText}).
 *
 * @param topic the dead-letter topic
 * @param partition its partition
 * @param offset its offset
 * @param recordTime when the letter was written (the record's Kafka timestamp)
 * @param key the key as escaped text, or null
 * @param errorType the recorded failure's class ({@code ?} when the record is not a dead letter of the runtime)
 * @param errorMessage the recorded message, secrets masked (empty when none)
 * @param originalTopic the topic the failed input came from ({@code ?} when unknown)
 * @param originalPartition its partition, when it was consumed
 * @param originalOffset its offset, when it was consumed
 * @param attempts attempts made before it was dead-lettered
 * @param nodeId the node instance that failed, when recorded
 * @param replayCount how many times {@code onex dlq replay} has re-published it ({@code onex-replay-count})
 * @param eventId the original envelope's event id
 * @param eventType the original envelope's event type
 * @param correlationId the original envelope's (or the letter's) correlation id
 * @param source the original envelope's source: {@code service}, {@code node_type}, {@code node_id} (empty when
 *     none)
 * @param payload the original payload, secrets masked (empty when none)
 * @param raw when the original was not an envelope: its bytes, escaped and cut
 */
public record DeadLetterView(String topic, int partition, long offset, Instant recordTime, String key,
        String errorType, String errorMessage, String originalTopic, Optional<Integer> originalPartition,
        Optional<Long> originalOffset, int attempts, Optional<String> nodeId, int replayCount,
        Optional<String> eventId, Optional<String> eventType, Optional<String> correlationId,
        Map<String, Object> source, Map<String, Object> payload, Optional<String> raw) {

    /** Error type of a record on a dead-letter topic that is not a dead letter of the runtime. */
    public static final String UNKNOWN = "?";

    /** {@code topic[partition]@offset}. */
    public String position() {
        return topic + "[" + partition + "]@" + offset;
    }
}
