package io.onex.api.contract;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's contract, loaded from YAML and validated.
 *
 * @param name contract name, {@code snake_case}, unique in a runtime (e.g. {@code kafka_event_effect})
 * @param version the node's semantic version
 * @param nodeType the node kind
 * @param description what the node does
 * @param implementation fully qualified class implementing the node
 * @param topics subscribed and published topics
 * @param resilience timeout, retry and circuit breaker
 * @param deadLetterEnabled whether final failures are routed to {@code <topic>.dlq}
 * @param heartbeatInterval interval of {@code node-heartbeat} broadcasts, at least 1 s
 * @param consumer consumer settings; present when the node subscribes to topics
 * @param config node-specific configuration, defaults applied
 * @param source the file it was loaded from, if any
 * @param topicSettings per topic reference (as written under {@code topics}): partitions, retention and payload
 *     schema from the contract's {@code topic_settings}; empty when it has none
 */
public record NodeContract(
        String name,
        SemanticVersion version,
        NodeType nodeType,
        String description,
        String implementation,
        TopicsSpec topics,
        ResilienceSpec resilience,
        boolean deadLetterEnabled,
        Duration heartbeatInterval,
        Optional<ConsumerSpec> consumer,
        Map<String, Object> config,
        Optional<Path> source,
        Map<String, TopicSettings> topicSettings) {

    public NodeContract {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(nodeType, "nodeType");
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(resilience, "resilience");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        description = description == null ? "" : description;
        consumer = consumer == null ? Optional.empty() : consumer;
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        source = source == null ? Optional.empty() : source;
        topicSettings = topicSettings == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(topicSettings));
    }

    /** A contract without {@code topic_settings}. */
    public NodeContract(String name, SemanticVersion version, NodeType nodeType, String description,
            String implementation, TopicsSpec topics, ResilienceSpec resilience, boolean deadLetterEnabled,
            Duration heartbeatInterval, Optional<ConsumerSpec> consumer, Map<String, Object> config,
            Optional<Path> source) {
        this(name, version, nodeType, description, implementation, topics, resilience, deadLetterEnabled,
                heartbeatInterval, consumer, config, source, Map.of());
    }

    /** Whether the node consumes topics. */
    public boolean subscribes() {
        return !topics.subscribe().isEmpty();
    }

    /** A copy with other node-specific configuration (used by tests and by services that override config in code). */
    public NodeContract withConfig(Map<String, Object> newConfig) {
        return new NodeContract(name, version, nodeType, description, implementation, topics, resilience,
                deadLetterEnabled, heartbeatInterval, consumer, newConfig, source, topicSettings);
    }

    /** A copy with another resilience policy. */
    public NodeContract withResilience(ResilienceSpec newResilience) {
        return new NodeContract(name, version, nodeType, description, implementation, topics, newResilience,
                deadLetterEnabled, heartbeatInterval, consumer, config, source, topicSettings);
    }

    /** A copy with another heartbeat interval (a demo or a test that wants heartbeats within its run). */
    public NodeContract withHeartbeatInterval(Duration newInterval) {
        return new NodeContract(name, version, nodeType, description, implementation, topics, resilience,
                deadLetterEnabled, newInterval, consumer, config, source, topicSettings);
    }

    /** A copy with other consumer settings (a consumer group of its own, say). */
    public NodeContract withConsumer(ConsumerSpec newConsumer) {
        return new NodeContract(name, version, nodeType, description, implementation, topics, resilience,
                deadLetterEnabled, heartbeatInterval, Optional.of(newConsumer), config, source, topicSettings);
    }

    /** A copy run by another class (a test's stand-in for the node, say); the class must suit the node type. */
    public NodeContract withImplementation(String newImplementation) {
        return new NodeContract(name, version, nodeType, description, newImplementation, topics, resilience,
                deadLetterEnabled, heartbeatInterval, consumer, config, source, topicSettings);
    }
}
