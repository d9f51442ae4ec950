package io.onex.runtime.ops;

import java.time.Duration;
import java.time.Instant;

/**
 * The dead letters of one dead-letter topic that share an original topic and an error type.
 *
 * @param dlqTopic the dead-letter topic
 * @param originalTopic the topic their inputs came from ({@code ?} when unknown)
 * @param errorType the failure's class ({@code ?} for records that are not dead letters of the runtime)
 * @param count how many
 * @param oldest the oldest letter's record time
 * @param newest the newest letter's record time
 * @param oldestAge how long ago the oldest was written, when listed
 * @param newestAge how long ago the newest was written, when listed
 */
public record DlqSummary(String dlqTopic, String originalTopic, String errorType, long count, Instant oldest,
        Instant newest, Duration oldestAge, Duration newestAge) {
}
