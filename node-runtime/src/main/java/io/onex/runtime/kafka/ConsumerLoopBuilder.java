package io.onex.runtime.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;

/** Builds a {@link ConsumerLoop}; {@link #build()} checks the settings. */
public final class ConsumerLoopBuilder {
    final String name;
    final Consumer<byte[], byte[]> consumer;
    Collection<String> topics;
    RecordHandler handler;
    BatchRecordHandler batchHandler;
    int batchSize;
    FlowGate gate = FlowGate.ALWAYS_OPEN;
    int maxInFlight = 100;
    Duration pollTimeout = Duration.ofMillis(100);
    Duration redeliveryBackoff = ConsumerLoop.DEFAULT_REDELIVERY_BACKOFF;
    Duration revokeTimeout = ConsumerLoop.DEFAULT_REVOKE_TIMEOUT;
    MeterRegistry meterRegistry;
    boolean commitOffsets = true;
    Duration commitInterval = Duration.ZERO;

    ConsumerLoopBuilder(String name, Consumer<byte[], byte[]> consumer) {
        this.name = name;
        this.consumer = consumer;
    }

    /**
     * Whether the offsets of done records are committed (default true). A listener whose group only this process
     * uses, and that a restart reads under a new group anyway (a runtime's private feeds), commits nothing: its group
     * then leaves nothing on the cluster once its member is gone, instead of staying behind with lag and no members,
     * which operators' lag checks rightly call critical.
     */
    public ConsumerLoopBuilder commitOffsets(boolean commitOffsets) {
        this.commitOffsets = commitOffsets;
        return this;
    }

    /**
     * The least time between two asynchronous commits (default zero: one as soon as a record is done, on the loop's
     * next round). A consumer that finishes a record or two per poll otherwise sends an offset commit, and has the
     * broker append it, for nearly every record; what a crash then leaves uncommitted is delivered again, as ever.
     * Revokes and close still commit what is done at once.
     */
    public ConsumerLoopBuilder commitInterval(Duration commitInterval) {
        this.commitInterval = commitInterval;
        return this;
    }

    /** The topics to subscribe to (required, not empty). */
    public ConsumerLoopBuilder topics(Collection<String> topics) {
        this.topics = topics;
        return this;
    }

    /** Takes every record, one at a time (this or {@link #batchHandler} is required). */
    public ConsumerLoopBuilder handler(RecordHandler handler) {
        this.handler = handler;
        return this;
    }

    /**
     * Takes the records handed out together (what the polls fetched, up to the in-flight bound) in one call,
     * instead of {@link #handler} one by one. While records are in flight, the loop hands out only once
     * {@code batchSize} records are fetched (they gather meanwhile); with none in flight, whatever is fetched.
     */
    public ConsumerLoopBuilder batchHandler(BatchRecordHandler batchHandler, int batchSize) {
        this.batchHandler = batchHandler;
        this.batchSize = batchSize;
        return this;
    }

    /** Whether the node takes work now (default: always open). */
    public ConsumerLoopBuilder gate(FlowGate gate) {
        this.gate = gate;
        return this;
    }

    /** Records handed out and not done before the loop pauses (default 100, at least 1). */
    public ConsumerLoopBuilder maxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
        return this;
    }

    /** The longest a poll blocks (default 100 ms). */
    public ConsumerLoopBuilder pollTimeout(Duration pollTimeout) {
        this.pollTimeout = pollTimeout;
        return this;
    }

    /** How long a partition stays paused before a record that was not done comes again (default 1 s). */
    public ConsumerLoopBuilder redeliveryBackoff(Duration redeliveryBackoff) {
        this.redeliveryBackoff = redeliveryBackoff;
        return this;
    }

    /** How long a revoke waits for the revoked partitions' in-flight records (default 10 s). */
    public ConsumerLoopBuilder revokeTimeout(Duration revokeTimeout) {
        this.revokeTimeout = revokeTimeout;
        return this;
    }

    /** Where the meters go (required). */
    public ConsumerLoopBuilder meterRegistry(MeterRegistry meterRegistry) {
        this.meterRegistry = meterRegistry;
        return this;
    }

    /**
     * Builds the loop, not started.
     *
     * @throws NullPointerException naming a missing setting
     * @throws IllegalArgumentException naming a setting out of range
     */
    public ConsumerLoop build() {
        return new ConsumerLoop(this);
    }
}
