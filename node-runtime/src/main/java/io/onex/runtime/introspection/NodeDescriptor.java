package io.onex.runtime.introspection;

import io.onex.api.contract.NodeContract;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a running node instance says about itself in {@code node-introspection}: fixed for the instance's life.
 *
 * @param nodeId the instance's id (unique in the network)
 * @param contract its contract (name, version, type, heartbeat interval)
 * @param subscribedTopics topics it consumes, resolved to full names
 * @param publishedTopics topics it publishes to, resolved to full names
 * @param operations the operations it offers
 * @param endpoints URLs by kind ({@link IntrospectionFields#ENDPOINT_HEALTH}, {@link IntrospectionFields#ENDPOINT_METRICS})
 *        where the runtime serves them; empty otherwise
 * @param metadata free-form metadata
 * @param networkId the network it belongs to; may be empty
 * @param deploymentId the deployment it belongs to; may be empty
 * @param epoch the instance's start time in epoch millis: a registry tells a restart from a repeat by it
 */
public record NodeDescriptor(
        String nodeId,
        NodeContract contract,
        List<String> subscribedTopics,
        List<String> publishedTopics,
        List<String> operations,
        Map<String, String> endpoints,
        Map<String, Object> metadata,
        String networkId,
        String deploymentId,
        long epoch) {

    public NodeDescriptor {
        Objects.requireNonNull(nodeId, "nodeId");
        if (nodeId.isBlank()) {
            throw new IllegalArgumentException("nodeId must not be blank");
        }
        Objects.requireNonNull(contract, "contract");
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0 (epoch millis), but was " + epoch);
        }
        subscribedTopics = subscribedTopics == null ? List.of() : List.copyOf(subscribedTopics);
        publishedTopics = publishedTopics == null ? List.of() : List.copyOf(publishedTopics);
        operations = operations == null ? List.of() : List.copyOf(operations);
        endpoints = endpoints == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        networkId = networkId == null ? "" : networkId;
        deploymentId = deploymentId == null ? "" : deploymentId;
    }

    /**
     * The introspection payload of this node.
     *
     * @param reason why it is published
     * @return the payload record
     */
    public NodeIntrospection introspection(IntrospectionReason reason) {
        String version = contract.version().toString();
        return new NodeIntrospection(nodeId, contract.name(), contract.nodeType(), version,
                new NodeCapabilities(operations, subscribedTopics, publishedTopics, contract.name(), version),
                endpoints, metadata, reason, networkId, deploymentId, epoch);
    }
}
