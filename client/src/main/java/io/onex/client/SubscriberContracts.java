package io.onex.client;

import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.api.contract.ResilienceSpec;
import io.onex.api.contract.SemanticVersion;
import io.onex.api.contract.TopicsSpec;
import java.time.Duration;
import java.util.List;

/** The contract a subscription's pipeline is built from: what a node author would write in YAML, made up here. */
final class SubscriberContracts {

    private static final SemanticVersion VERSION = SemanticVersion.parse("1.0.0");

    private SubscriberContracts() {
    }

    /**
     * @param group the consumer group (the contract's name: it names the pipeline's meters and logs)
     * @param topics the full names of the subscribed topics
     * @param handler the handler (its class is the implementation)
     * @param resilience retry, breaker and timeout of every handler call
     */
    static NodeContract of(String group, List<String> topics, MessageHandler handler, ResilienceSpec resilience) {
        return NodeContract.builder()
                .name(group)
                .version(VERSION)
                .nodeType(NodeType.EFFECT)
                .description("subscriber of OnexClient")
                .implementation(handler.getClass().getName())
                .topics(new TopicsSpec(topics, List.of()))
                .resilience(resilience)
                .deadLetterEnabled(true)
                .heartbeatInterval(Duration.ofSeconds(30))
                .build();
    }
}
