package io.onex.runtime.dashboard;

import java.util.List;
import java.util.Map;

/**
 * What the Dead letters page shows: per dead-letter topic how many records it holds by original topic and error
 * type, and its latest records with their error and original envelope (payload secrets masked). Every text here came
 * off the wire: the page shows it as text, never as markup.
 *
 * @param now when the view was taken, epoch millis
 * @param actions whether the page may offer replay
 * @param topics the dead-letter topics, by name
 */
public record DlqView(long now, boolean actions, List<Topic> topics) {

    public DlqView {
        topics = List.copyOf(topics);
    }

    /**
     * One dead-letter topic.
     *
     * @param topic its name
     * @param total the records read from it
     * @param counts by original topic and error type, the most first
     * @param records its latest records, newest first
     */
    public record Topic(String topic, long total, List<Count> counts, List<Letter> records) {
    }

    /**
     * How many records came from one topic with one error type.
     *
     * @param originalTopic where they were consumed
     * @param errorType the exception class that sent them here
     * @param count how many
     */
    public record Count(String originalTopic, String errorType, long count) {
    }

    /**
     * One dead letter, as {@link io.onex.runtime.ops.DeadLetterReader} reads it.
     *
     * @param topic the dead-letter topic
     * @param partition its partition
     * @param offset its offset
     * @param deadLetteredAt the record's time, epoch millis
     * @param originalTopic where the original was consumed ({@code ?} when unknown)
     * @param origin {@code topic[partition]@offset, N attempt(s), node ID}
     * @param errorType the exception class ({@code ?} when the record is not a dead letter of the runtime)
     * @param errorMessage the recorded message, secrets masked
     * @param replayCount how many times it has been replayed
     * @param eventId the original envelope's event id, "" when the original was not an envelope
     * @param eventType the original envelope's event type, ""
     * @param correlationId the original's correlation id, ""
     * @param source the original envelope's source
     * @param payload the original envelope's payload, secrets masked
     * @param raw the original bytes, escaped and cut, when they were not an envelope; "" otherwise
     */
    public record Letter(String topic, int partition, long offset, long deadLetteredAt, String originalTopic,
            String origin, String errorType, String errorMessage, int replayCount, String eventId, String eventType,
            String correlationId, Map<String, Object> source, Map<String, Object> payload, String raw) {
    }
}
