package io.onex.runtime.kafka;

import io.onex.api.contract.NodeContract;
import io.onex.api.contract.TopicSettings;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.TopicName;
import io.onex.runtime.config.RuntimeConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The topics a set of contracts needs, by full name: what each subscribes to and publishes to, their {@code .dlq}
 * when dead letters are on, and the registry's topics; with the per-topic settings of their {@code topic_settings}.
 * The runtime provisions these at start-up when it creates topics, and {@code onex topics create} creates them.
 */
public final class ContractTopics {

    private ContractTopics() {
    }

    /** The full names, in contract order, without duplicates. */
    public static Set<String> of(List<NodeContract> contracts, RuntimeConfig config) {
        Set<String> topics = new LinkedHashSet<>();
        for (NodeContract c : contracts) {
            for (List<String> names : List.of(c.topics().subscribe(), c.topics().publish())) {
                for (String t : names) {
                    String full = config.resolveTopic(t);
                    topics.add(full);
                    if (c.deadLetterEnabled()) {
                        topics.add(c.topicSettings().containsKey(t) && c.topicSettings().get(t).deadLetterTopic()
                                .isPresent() ? config.resolveTopic(c.topicSettings().get(t).deadLetterTopic().get())
                                : TopicName.deadLetterOf(full));
                    }
                }
            }
        }
        for (String t : BridgeTopics.REGISTRY_EVENTS) {
            topics.add(config.resolveTopic(t));
        }
        return topics;
    }

    /**
     * The contracts' {@code topic_settings} by full topic name; when two contracts set the same topic, the first wins.
     * A dead-letter topic a contract names ({@code dead_letter_topic}) is created as a {@code .dlq} topic would be: 1
     * partition, 30 days.
     */
    public static Map<String, TopicSettings> settings(List<NodeContract> contracts, RuntimeConfig config) {
        Map<String, TopicSettings> settings = new LinkedHashMap<>();
        for (NodeContract c : contracts) {
            c.topicSettings().forEach((t, s) -> settings.putIfAbsent(config.resolveTopic(t), s));
        }
        TopicSettings deadLetters = new TopicSettings(OptionalInt.of(1),
                Optional.of(Duration.ofMillis(TopicProvisioner.DLQ_RETENTION_MS)), Optional.empty());
        for (NodeContract c : contracts) {
            c.topicSettings().values().forEach(s -> s.deadLetterTopic()
                    .ifPresent(dlq -> settings.putIfAbsent(config.resolveTopic(dlq), deadLetters)));
        }
        return settings;
    }
}
