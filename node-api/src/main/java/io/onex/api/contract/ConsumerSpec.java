package io.onex.api.contract;

import java.time.Duration;

/**
 * How a subscribing node consumes.
 *
 * @param groupId consumer group id
 * @param maxPollRecords records per poll
 * @param maxInFlight records handed to the pipeline and not yet done, per consumer; polling pauses at this bound
 * @param batchSize records per batch for batch-consuming nodes
 * @param batchLinger how long a batch-consuming node waits to fill a batch
 * @param autoOffsetReset {@code earliest} or {@code latest}
 */
public record ConsumerSpec(String groupId, int maxPollRecords, int maxInFlight, int batchSize, Duration batchLinger,
        String autoOffsetReset) {
}
