package io.onex.runtime.deadletter;

import io.onex.api.contract.NodeContract;
import io.onex.api.topic.TopicName;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the dead letters of each topic go, by full name: {@code <topic>.dlq}, unless a contract's
 * {@code topic_settings.<topic>.dead_letter_topic} names another topic (the Python services' codegen DLQs, such as
 * {@code omninode_codegen_dlq_validate_v1}). When two contracts name different ones for a topic, the first wins.
 */
public final class DeadLetterTopics {

    private static final DeadLetterTopics NONE = new DeadLetterTopics(Map.of());

    private final Map<String, String> named;

    private DeadLetterTopics(Map<String, String> named) {
        this.named = Map.copyOf(named);
    }

    /** Every dead-letter topic is {@code <topic>.dlq}. */
    public static DeadLetterTopics none() {
        return NONE;
    }

    /**
     * The dead-letter topics the contracts name.
     *
     * @param contracts the contracts
     * @param resolve turns a topic as written into its full name
     */
    public static DeadLetterTopics of(Collection<NodeContract> contracts, Function<String, String> resolve) {
        Map<String, String> named = new LinkedHashMap<>();
        for (NodeContract c : contracts) {
            c.topicSettings().forEach((topic, s) -> s.deadLetterTopic()
                    .ifPresent(dlq -> named.putIfAbsent(resolve.apply(topic), resolve.apply(dlq))));
        }
        return named.isEmpty() ? NONE : new DeadLetterTopics(named);
    }

    /** The dead-letter topic of a topic, by full name. */
    public String of(String originalTopic) {
        String dlq = named.get(originalTopic);
        return dlq != null ? dlq : TopicName.deadLetterOf(originalTopic);
    }

    /** The topics named explicitly, by the full name of the topic whose dead letters they take. */
    public Map<String, String> named() {
        return named;
    }
}
