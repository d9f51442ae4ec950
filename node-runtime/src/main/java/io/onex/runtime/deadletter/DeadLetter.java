package io.onex.runtime.deadletter;

import io.onex.api.EventEnvelope;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A call or record that failed for good, with what is needed to write it to {@code <originalTopic>.dlq} and to
 * replay it later.
 *
 * <p>Either {@code originalEnvelope} is set (the record decoded as an ONEX envelope, or the call's trigger) or
 * {@code originalValue} holds the bytes as they were (not a valid envelope, or a direct call's input as JSON).
 *
 * @param originalTopic the full name of the topic the record came from (or the node's topic for a direct call)
 * @param originalPartition its partition, or null when the failure did not come from a consumed record
 * @param originalOffset its offset, or null when the failure did not come from a consumed record
 * @param originalKey the record key, or null (the correlation id is then used as the DLQ record's key)
 * @param originalHeaders the record headers (never null; empty for a direct call)
 * @param originalEnvelope the envelope, or null
 * @param originalValue the raw bytes when there is no envelope, or null
 * @param failure what failed (wrappers such as {@code CompletionException} are unwrapped when written)
 * @param retryCount attempts made
 * @param nodeId the id of the node instance that failed
 * @param correlationId the correlation id, or null when unknown (undecodable record)
 */
public record DeadLetter(
        String originalTopic,
        Integer originalPartition,
        Long originalOffset,
        byte[] originalKey,
        Headers originalHeaders,
        EventEnvelope originalEnvelope,
        byte[] originalValue,
        Throwable failure,
        int retryCount,
        String nodeId,
        String correlationId) {

    public DeadLetter {
        Objects.requireNonNull(originalTopic, "originalTopic");
        Objects.requireNonNull(failure, "failure");
        originalHeaders = originalHeaders == null ? new RecordHeaders() : originalHeaders;
    }

    /**
     * Starts a builder.
     *
     * @param originalTopic the full name of the original topic
     * @param failure what failed
     * @return a builder
     */
    public static Builder builder(String originalTopic, Throwable failure) {
        return new Builder(originalTopic, failure);
    }

    /** Builds a {@link DeadLetter}. */
    public static final class Builder {
        private final String originalTopic;
        private final Throwable failure;
        private Integer originalPartition;
        private Long originalOffset;
        private byte[] originalKey;
        private Headers originalHeaders;
        private EventEnvelope originalEnvelope;
        private byte[] originalValue;
        private int retryCount;
        private String nodeId;
        private String correlationId;

        private Builder(String originalTopic, Throwable failure) {
            this.originalTopic = originalTopic;
            this.failure = failure;
        }

        public Builder originalPartition(Integer partition) {
            this.originalPartition = partition;
            return this;
        }

        public Builder originalOffset(Long offset) {
            this.originalOffset = offset;
            return this;
        }

        public Builder originalKey(byte[] key) {
            this.originalKey = key;
            return this;
        }

        public Builder originalHeaders(Headers headers) {
            this.originalHeaders = headers;
            return this;
        }

        public Builder originalEnvelope(EventEnvelope envelope) {
            this.originalEnvelope = envelope;
            return this;
        }

        public Builder originalValue(byte[] value) {
            this.originalValue = value;
            return this;
        }

        public Builder retryCount(int retryCount) {
            this.retryCount = retryCount;
            return this;
        }

        public Builder nodeId(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public DeadLetter build() {
            return new DeadLetter(originalTopic, originalPartition, originalOffset, originalKey, originalHeaders,
                    originalEnvelope, originalValue, failure, retryCount, nodeId, correlationId);
        }
    }
}
