package io.onex.runtime.introspection;

import static io.onex.runtime.introspection.IntrospectionFields.REASON;
import static io.onex.runtime.introspection.IntrospectionFields.REGISTRY_ID;
import static io.onex.runtime.introspection.IntrospectionFields.RESPONSE_TIMEOUT_MS;
import static io.onex.runtime.introspection.IntrospectionFields.TARGET_NODE_TYPES;

import io.onex.api.contract.NodeType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code registry-request-introspection} payload: a registry asks live nodes to publish
 * {@code node-introspection}, with the request's correlation id.
 *
 * @param registryId the asking registry's id
 * @param reason why it asks
 * @param targetNodeTypes wire names of the node types that should answer; empty means all. Names this runtime does
 *        not know are kept (they match none of its nodes) rather than failing the whole request.
 * @param responseTimeoutMs how long the registry waits for answers, 1 to {@value #MAX_RESPONSE_TIMEOUT_MS}
 */
public record RegistryIntrospectionRequest(
        String registryId,
        RegistryRequestReason reason,
        List<String> targetNodeTypes,
        int responseTimeoutMs) {

    /** {@code response_timeout_ms} when the request does not say. */
    public static final int DEFAULT_RESPONSE_TIMEOUT_MS = 5000;
    /** The largest {@code response_timeout_ms}; larger values are read as this. */
    public static final int MAX_RESPONSE_TIMEOUT_MS = 30000;

    static final String PAYLOAD = "registry-request-introspection";

    public RegistryIntrospectionRequest {
        Objects.requireNonNull(registryId, "registryId");
        Objects.requireNonNull(reason, "reason");
        targetNodeTypes = targetNodeTypes == null ? List.of() : List.copyOf(targetNodeTypes);
        if (responseTimeoutMs < 1 || responseTimeoutMs > MAX_RESPONSE_TIMEOUT_MS) {
            throw new IllegalArgumentException("responseTimeoutMs must be between 1 and " + MAX_RESPONSE_TIMEOUT_MS
                    + ", but was " + responseTimeoutMs);
        }
    }

    /**
     * A request to every node type with the default timeout.
     *
     * @param registryId the asking registry
     * @param reason why it asks
     * @return the request
     */
    public static RegistryIntrospectionRequest toAll(String registryId, RegistryRequestReason reason) {
        return new RegistryIntrospectionRequest(registryId, reason, List.of(), DEFAULT_RESPONSE_TIMEOUT_MS);
    }

    /**
     * Whether nodes of a type should answer.
     *
     * @param type a node type
     * @return true when the request targets all types or names this one
     */
    public boolean targets(NodeType type) {
        // case-insensitive: some Python producers write enum names (ORCHESTRATOR) instead of values
        return targetNodeTypes.isEmpty() || targetNodeTypes.stream().anyMatch(t -> t.equalsIgnoreCase(type.wireName()));
    }

    /** The wire form. */
    public Map<String, Object> toPayload() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(REGISTRY_ID, registryId);
        m.put(REASON, reason.wireName());
        m.put(TARGET_NODE_TYPES, targetNodeTypes);
        m.put(RESPONSE_TIMEOUT_MS, responseTimeoutMs);
        return m;
    }

    /**
     * Reads the wire form. {@code registry_id} and {@code reason} are required; {@code target_node_types} defaults
     * to all, {@code response_timeout_ms} to {@value #DEFAULT_RESPONSE_TIMEOUT_MS} and is clamped to
     * {@value #MAX_RESPONSE_TIMEOUT_MS}; zero or negative is refused.
     *
     * @param payload the envelope's payload
     * @return the request
     * @throws io.onex.api.InvalidInputException naming the field and what was expected
     */
    public static RegistryIntrospectionRequest fromPayload(Map<String, ?> payload) {
        PayloadReader r = new PayloadReader(PAYLOAD, payload);
        String registryId = r.text(REGISTRY_ID);
        RegistryRequestReason reason = r.enumValue(REASON, RegistryRequestReason::fromWire);
        List<String> targets = r.textList(TARGET_NODE_TYPES);
        long timeout = r.wholeNumberOr(RESPONSE_TIMEOUT_MS, DEFAULT_RESPONSE_TIMEOUT_MS);
        if (timeout < 1) {
            throw r.invalid(RESPONSE_TIMEOUT_MS, "is " + timeout + ": expected 1 to " + MAX_RESPONSE_TIMEOUT_MS);
        }
        return new RegistryIntrospectionRequest(registryId, reason, targets,
                (int) Math.min(timeout, MAX_RESPONSE_TIMEOUT_MS));
    }
}
