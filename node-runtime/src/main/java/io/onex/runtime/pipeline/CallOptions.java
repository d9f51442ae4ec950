package io.onex.runtime.pipeline;

import io.onex.api.EventEnvelope;
import io.onex.api.contract.RetrySpec;
import io.onex.runtime.kafka.RecordOrigin;
import java.time.Duration;
import java.util.Optional;

/**
 * Per-call settings of a {@link NodeInvoker#invoke} call. All optional; {@link #none()} is a direct call with a
 * fresh correlation id and the contract's policies.
 *
 * @param correlationId the call's correlation id, or null to generate a UUID
 * @param causationId the id of the event that caused the call, or null
 * @param trigger the consumed envelope that triggered the call, or null
 * @param deadLetterTopic full name of the topic whose {@code .dlq} receives the call if it fails for good, or null
 *     for the origin's topic, else the contract's first published topic (else first subscribed topic)
 * @param deadline budget for the whole call including retries and backoff, or null for none
 * @param retryOverride retry policy replacing the contract's for this call (workflow steps), or null
 * @param timeoutOverride per-attempt timeout replacing the contract's for this call, or null
 * @param origin the consumed record the call handles (written to the dead letter if it fails for good), or null
 */
public record CallOptions(
        String correlationId,
        String causationId,
        EventEnvelope trigger,
        String deadLetterTopic,
        Duration deadline,
        RetrySpec retryOverride,
        Duration timeoutOverride,
        RecordOrigin origin) {

    public CallOptions {
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new IllegalArgumentException("call deadline must be positive, but was " + deadline);
        }
        if (timeoutOverride != null && (timeoutOverride.isNegative() || timeoutOverride.isZero())) {
            throw new IllegalArgumentException("call timeout override must be positive, but was " + timeoutOverride);
        }
    }

    /** A direct call: generated correlation id, contract policies, no deadline. */
    public static CallOptions none() {
        return NONE;
    }

    // immutable and holding no origin, so one instance serves every direct call (a hot path)
    private static final CallOptions NONE = builder().build();

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The correlation id, if set. */
    public Optional<String> correlationIdIfSet() {
        return Optional.ofNullable(correlationId);
    }

    /** Builds {@link CallOptions}. */
    public static final class Builder {
        private String correlationId;
        private String causationId;
        private EventEnvelope trigger;
        private String deadLetterTopic;
        private Duration deadline;
        private RetrySpec retryOverride;
        private Duration timeoutOverride;
        private RecordOrigin origin;

        private Builder() {
        }

        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public Builder causationId(String causationId) {
            this.causationId = causationId;
            return this;
        }

        public Builder trigger(EventEnvelope trigger) {
            this.trigger = trigger;
            return this;
        }

        public Builder deadLetterTopic(String originalTopic) {
            this.deadLetterTopic = originalTopic;
            return this;
        }

        public Builder deadline(Duration budget) {
            this.deadline = budget;
            return this;
        }

        public Builder retryOverride(RetrySpec retry) {
            this.retryOverride = retry;
            return this;
        }

        public Builder timeoutOverride(Duration timeout) {
            this.timeoutOverride = timeout;
            return this;
        }

        /** The consumed record the call handles. */
        public Builder origin(RecordOrigin origin) {
            this.origin = origin;
            return this;
        }

        public CallOptions build() {
            return new CallOptions(correlationId, causationId, trigger, deadLetterTopic, deadline, retryOverride,
                    timeoutOverride, origin);
        }
    }
}
