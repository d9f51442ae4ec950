package io.onex.runtime;

import io.onex.api.contract.NodeContract;
import io.onex.api.contract.TopicSettings;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.TopicName;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.kafka.TopicProvisioner;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the topics the contracts subscribe and publish to (with their dead-letter topics) and the registry's
 * topics, when {@code ONEX_CREATE_TOPICS} says so (by default: only on the embedded broker). Nothing to close.
 */
final class TopicsPart implements RuntimePart {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<NodeContract> contracts;
    private final EmbeddedBrokerPart broker;
    private final SharedServicesPart shared;

    TopicsPart(List<NodeContract> contracts, EmbeddedBrokerPart broker, SharedServicesPart shared) {
        this.contracts = contracts;
        this.broker = broker;
        this.shared = shared;
    }

    @Override
    public String name() {
        return "topics";
    }

    @Override
    public void start() {
        RuntimeConfig config = broker.config();
        if (!config.createTopics().orElse(broker.embedded())) {
            return;
        }
        Set<String> topics = new LinkedHashSet<>();
        Map<String, TopicSettings> settings = new LinkedHashMap<>();
        for (NodeContract c : contracts) {
            // two contracts setting the same topic: the first one wins
            c.topicSettings().forEach((t, s) -> settings.putIfAbsent(config.resolveTopic(t), s));
            for (String t : c.topics().subscribe()) {
                add(topics, config.resolveTopic(t), c.deadLetterEnabled());
            }
            for (String t : c.topics().publish()) {
                add(topics, config.resolveTopic(t), c.deadLetterEnabled());
            }
        }
        for (String t : BridgeTopics.REGISTRY_EVENTS) {
            topics.add(config.resolveTopic(t));
        }
        new TopicProvisioner(shared.services().admin, config.topicPartitions(), config.replicationFactor(),
                config.compressionType()).withTopicSettings(settings).ensureTopics(topics, WAIT);
    }

    private static void add(Set<String> topics, String full, boolean deadLetter) {
        topics.add(full);
        if (deadLetter) {
            topics.add(TopicName.deadLetterOf(full));
        }
    }

    @Override
    public void close() {
    }
}
