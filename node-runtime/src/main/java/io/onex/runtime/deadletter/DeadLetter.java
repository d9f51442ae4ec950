package io.onex.runtime.deadletter;

import io.onex.api.AttemptedEvent;
import io.onex.api.EventEnvelope;
import io.onex.runtime.kafka.RecordOrigin;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A call or record that failed for good, with what is needed to write it to {@code <origin topic>.dlq} and to
 * replay it later.
 *
 * <p>Either {@code originalEnvelope} is set (the record decoded as an ONEX envelope, the call's trigger, or the event
 * a node tried to publish) or the origin's value holds the bytes as they were (not a valid envelope, or a direct
 * call's input as JSON).
 *
 * <pre>{@code
 * router.route(DeadLetter.builder(RecordOrigin.of(record), failure).retryCount(3).nodeId("effect-1")
 *         .correlationId(envelope.correlationId()).originalEnvelope(envelope).build());
 * }</pre>
 *
 * @param origin where the failed input came from: topic (its {@code .dlq} receives the letter), partition and
 *     offset when consumed, key (else the correlation id keys the DLQ record), headers, raw value
 * @param originalEnvelope the envelope, or null
 * @param failure what failed (wrappers such as {@code CompletionException} are unwrapped when written)
 * @param retryCount attempts made
 * @param nodeId the id of the node instance that failed
 * @param correlationId the correlation id, or null when unknown (undecodable record)
 */
public record DeadLetter(
        RecordOrigin origin,
        EventEnvelope originalEnvelope,
        Throwable failure,
        int retryCount,
        String nodeId,
        String correlationId) {

    public DeadLetter {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(failure, "failure");
    }

    /** The full name of the topic the input came from; the letter goes to its {@code .dlq}. */
    public String originalTopic() {
        return origin.topic();
    }

    /**
     * Starts a builder.
     *
     * @param origin where the failed input came from
     * @param failure what failed
     * @return a builder
     */
    public static Builder builder(RecordOrigin origin, Throwable failure) {
        return new Builder(origin, failure);
    }

    /**
     * Starts a builder for an event a node tried to publish: its topic, key, headers and envelope as sent, its
     * envelope's correlation id.
     *
     * @param event the event as the node sent it
     * @param failure what failed
     * @return a builder
     */
    public static Builder builder(AttemptedEvent event, Throwable failure) {
        RecordHeaders headers = new RecordHeaders();
        event.headers().forEach((k, v) -> headers.add(k, v == null ? null : v.getBytes(StandardCharsets.UTF_8)));
        byte[] key = event.key() == null ? null : event.key().getBytes(StandardCharsets.UTF_8);
        return new Builder(RecordOrigin.unconsumed(event.topic(), key, headers, null), failure)
                .originalEnvelope(event.envelope())
                .correlationId(event.envelope().correlationId());
    }

    /** Builds a {@link DeadLetter}. */
    public static final class Builder {
        private final RecordOrigin origin;
        private final Throwable failure;
        private EventEnvelope originalEnvelope;
        private int retryCount;
        private String nodeId;
        private String correlationId;

        private Builder(RecordOrigin origin, Throwable failure) {
            this.origin = origin;
            this.failure = failure;
        }

        /** The envelope that failed (written instead of the origin's raw value). */
        public Builder originalEnvelope(EventEnvelope envelope) {
            this.originalEnvelope = envelope;
            return this;
        }

        /** Attempts made. */
        public Builder retryCount(int retryCount) {
            this.retryCount = retryCount;
            return this;
        }

        /** The node instance that failed. */
        public Builder nodeId(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        /** The correlation id, if known. */
        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public DeadLetter build() {
            return new DeadLetter(origin, originalEnvelope, failure, retryCount, nodeId, correlationId);
        }
    }
}
