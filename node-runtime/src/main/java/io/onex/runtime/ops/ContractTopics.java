package io.onex.runtime.ops;

import io.onex.api.contract.NodeContract;
import io.onex.api.topic.BridgeTopics;
import io.onex.api.topic.TopicName;
import io.onex.runtime.config.RuntimeConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The topics a set of contracts needs, by full name: what each subscribes to and publishes to, their {@code .dlq}
 * when dead letters are on, and the registry's topics. The same set the runtime provisions at start-up when it
 * creates topics ({@code OnexRuntime}); the two should become one when the runtime's refactor settles.
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
                        topics.add(TopicName.deadLetterOf(full));
                    }
                }
            }
        }
        for (String t : BridgeTopics.REGISTRY_EVENTS) {
            topics.add(config.resolveTopic(t));
        }
        return topics;
    }
}
