package io.onex.client;

import io.onex.runtime.kafka.ConsumerLoop;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * A running subscription of {@link OnexClient#subscribe}. {@link #close()} stops fetching, lets handlers in flight
 * finish, commits what was handled or dead-lettered, and leaves the group; the client closes what is still open.
 */
public final class Subscription implements AutoCloseable {

    private final String group;
    private final List<String> topics;
    private final ConsumerLoop loop;
    private final Duration closeTimeout;

    Subscription(String group, List<String> topics, ConsumerLoop loop, Duration closeTimeout) {
        this.group = Objects.requireNonNull(group, "group");
        this.topics = List.copyOf(topics);
        this.loop = Objects.requireNonNull(loop, "loop");
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
    }

    /** The consumer group. */
    public String group() {
        return group;
    }

    /** The full names of the subscribed topics. */
    public List<String> topics() {
        return topics;
    }

    /** Whether the consumer is polling (false after close, and after it died: see {@link #failure()}). */
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** Why the consumer died, if it did. */
    public Optional<Throwable> failure() {
        return loop.failure();
    }

    /** The next offset to read per partition as last committed by this subscription. */
    public Map<TopicPartition, Long> committedOffsets() {
        return loop.committedOffsets();
    }

    /** Drains and commits (up to the client's close timeout), then leaves the group. Idempotent. */
    @Override
    public void close() {
        loop.close(closeTimeout);
    }
}
