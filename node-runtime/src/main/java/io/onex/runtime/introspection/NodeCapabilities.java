package io.onex.runtime.introspection;

import static io.onex.runtime.introspection.IntrospectionFields.CONTRACT_NAME;
import static io.onex.runtime.introspection.IntrospectionFields.CONTRACT_VERSION;
import static io.onex.runtime.introspection.IntrospectionFields.OPERATIONS;
import static io.onex.runtime.introspection.IntrospectionFields.PUBLISHED_TOPICS;
import static io.onex.runtime.introspection.IntrospectionFields.SUBSCRIBED_TOPICS;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code capabilities} object of {@code node-introspection}.
 *
 * @param operations the operations the node offers
 * @param subscribedTopics topics it consumes, full names
 * @param publishedTopics topics it publishes to, full names
 * @param contractName its contract's name
 * @param contractVersion its contract's version
 */
public record NodeCapabilities(
        List<String> operations,
        List<String> subscribedTopics,
        List<String> publishedTopics,
        String contractName,
        String contractVersion) {

    public NodeCapabilities {
        operations = operations == null ? List.of() : List.copyOf(operations);
        subscribedTopics = subscribedTopics == null ? List.of() : List.copyOf(subscribedTopics);
        publishedTopics = publishedTopics == null ? List.of() : List.copyOf(publishedTopics);
        Objects.requireNonNull(contractName, "contractName");
        Objects.requireNonNull(contractVersion, "contractVersion");
    }

    /** The wire form. */
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(OPERATIONS, operations);
        m.put(SUBSCRIBED_TOPICS, subscribedTopics);
        m.put(PUBLISHED_TOPICS, publishedTopics);
        m.put(CONTRACT_NAME, contractName);
        m.put(CONTRACT_VERSION, contractVersion);
        return m;
    }

    static NodeCapabilities read(PayloadReader r) {
        return new NodeCapabilities(r.textList(OPERATIONS), r.textList(SUBSCRIBED_TOPICS), r.textList(PUBLISHED_TOPICS),
                r.textOr(CONTRACT_NAME, ""), r.textOr(CONTRACT_VERSION, ""));
    }
}
