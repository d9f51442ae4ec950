package io.onex.runtime;

import io.onex.api.contract.NodeContract;
import io.onex.runtime.config.RuntimeConfig;
import io.onex.runtime.kafka.ContractTopics;
import io.onex.runtime.kafka.TopicProvisioner;
import java.time.Duration;
import java.util.List;

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
        new TopicProvisioner(shared.services().admin, config.topicPartitions(), config.replicationFactor(),
                config.compressionType()).withTopicSettings(ContractTopics.settings(contracts, config))
                .ensureTopics(ContractTopics.of(contracts, config), WAIT);
    }

    @Override
    public void close() {
    }
}
