package io.onex.runtime.introspection;

import static io.onex.runtime.introspection.IntrospectionFields.CAPABILITIES;
import static io.onex.runtime.introspection.IntrospectionFields.DEPLOYMENT_ID;
import static io.onex.runtime.introspection.IntrospectionFields.ENDPOINTS;
import static io.onex.runtime.introspection.IntrospectionFields.EPOCH;
import static io.onex.runtime.introspection.IntrospectionFields.METADATA;
import static io.onex.runtime.introspection.IntrospectionFields.NETWORK_ID;
import static io.onex.runtime.introspection.IntrospectionFields.NODE_ID;
import static io.onex.runtime.introspection.IntrospectionFields.NODE_NAME;
import static io.onex.runtime.introspection.IntrospectionFields.NODE_TYPE;
import static io.onex.runtime.introspection.IntrospectionFields.NODE_VERSION;
import static io.onex.runtime.introspection.IntrospectionFields.REASON;

import io.onex.api.contract.NodeType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code node-introspection} payload: who a node is and what it can do. Published on start-up, on a registry's
 * request, on refresh and on shutdown; a registry keys nodes by {@code node_id} and tells restarts apart by
 * {@code epoch}.
 *
 * @param nodeId the node instance's id
 * @param nodeName the node's name (its contract name)
 * @param nodeType effect, compute, reducer or orchestrator
 * @param nodeVersion the node's version
 * @param capabilities operations, topics and contract
 * @param endpoints URLs by kind ({@code health}, {@code metrics}) where served; empty otherwise
 * @param metadata free-form metadata
 * @param reason why it was published
 * @param networkId the network the node belongs to; empty when unknown
 * @param deploymentId the deployment it belongs to; empty when unknown
 * @param epoch the instance's start time in epoch millis
 */
public record NodeIntrospection(
        String nodeId,
        String nodeName,
        NodeType nodeType,
        String nodeVersion,
        NodeCapabilities capabilities,
        Map<String, String> endpoints,
        Map<String, Object> metadata,
        IntrospectionReason reason,
        String networkId,
        String deploymentId,
        long epoch) {

    /** The payload's name in error messages. */
    static final String PAYLOAD = "node-introspection";

    public NodeIntrospection {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(nodeType, "nodeType");
        Objects.requireNonNull(nodeVersion, "nodeVersion");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(reason, "reason");
        endpoints = endpoints == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        // nulls are legal JSON values in free metadata, so no Map.copyOf
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        networkId = networkId == null ? "" : networkId;
        deploymentId = deploymentId == null ? "" : deploymentId;
    }

    /** This payload with another reason. */
    public NodeIntrospection withReason(IntrospectionReason newReason) {
        return new NodeIntrospection(nodeId, nodeName, nodeType, nodeVersion, capabilities, endpoints, metadata,
                newReason, networkId, deploymentId, epoch);
    }

    /** The wire form, fields in WIRE.md's order. */
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(NODE_ID, nodeId);
        m.put(NODE_NAME, nodeName);
        m.put(NODE_TYPE, nodeType.wireName());
        m.put(NODE_VERSION, nodeVersion);
        m.put(CAPABILITIES, capabilities.toPayload());
        m.put(ENDPOINTS, new LinkedHashMap<>(endpoints));
        m.put(METADATA, new LinkedHashMap<>(metadata));
        m.put(REASON, reason.wireName());
        m.put(NETWORK_ID, networkId);
        m.put(DEPLOYMENT_ID, deploymentId);
        m.put(EPOCH, epoch);
        return m;
    }

    /**
     * Reads the wire form. {@code node_id}, {@code node_type} and {@code reason} are required; other absent fields
     * read as empty (name: the node id; epoch: 0), so an older producer's payload is still understood.
     *
     * @param payload the envelope's payload
     * @return the introspection
     * @throws io.onex.api.InvalidInputException naming the field and what was expected
     */
    public static NodeIntrospection fromPayload(Map<String, ?> payload) {
        PayloadReader r = new PayloadReader(PAYLOAD, payload);
        String nodeId = r.text(NODE_ID);
        return new NodeIntrospection(
                nodeId,
                r.textOr(NODE_NAME, nodeId),
                r.enumValue(NODE_TYPE, NodeType::fromWire),
                r.textOr(NODE_VERSION, ""),
                NodeCapabilities.read(r.nested(CAPABILITIES)),
                r.textMap(ENDPOINTS),
                r.object(METADATA),
                r.enumValue(REASON, IntrospectionReason::fromWire),
                r.textOr(NETWORK_ID, ""),
                r.textOr(DEPLOYMENT_ID, ""),
                r.wholeNumberOr(EPOCH, 0));
    }
}
