package io.onex.runtime.introspection;

/**
 * The field names of the introspection, heartbeat and registry-request payloads (WIRE.md, "Introspection,
 * heartbeat, registry request"). This is the only spelling: broadcasters write with these constants and the
 * registry reads with them. Python ONEX services read and write the same names, so never rename one.
 */
public final class IntrospectionFields {

    private IntrospectionFields() {
    }

    // node-introspection
    public static final String NODE_ID = "node_id";
    public static final String NODE_NAME = "node_name";
    public static final String NODE_TYPE = "node_type";
    public static final String NODE_VERSION = "node_version";
    public static final String CAPABILITIES = "capabilities";
    public static final String ENDPOINTS = "endpoints";
    public static final String METADATA = "metadata";
    public static final String REASON = "reason";
    public static final String NETWORK_ID = "network_id";
    public static final String DEPLOYMENT_ID = "deployment_id";
    public static final String EPOCH = "epoch";

    // node-introspection: inside capabilities
    public static final String OPERATIONS = "operations";
    public static final String SUBSCRIBED_TOPICS = "subscribed_topics";
    public static final String PUBLISHED_TOPICS = "published_topics";
    public static final String CONTRACT_NAME = "contract_name";
    public static final String CONTRACT_VERSION = "contract_version";

    // node-introspection: keys of endpoints
    public static final String ENDPOINT_HEALTH = "health";
    public static final String ENDPOINT_METRICS = "metrics";

    // node-heartbeat (also node_id, node_type)
    public static final String HEALTH_STATUS = "health_status";
    public static final String UPTIME_SECONDS = "uptime_seconds";
    public static final String LAST_ACTIVITY_TIMESTAMP = "last_activity_timestamp";
    public static final String ACTIVE_OPERATIONS = "active_operations";
    public static final String RESOURCE_USAGE = "resource_usage";
    public static final String CIRCUIT_BREAKERS = "circuit_breakers";
    public static final String HEARTBEAT_INTERVAL_SECONDS = "heartbeat_interval_seconds";

    // node-heartbeat: inside resource_usage
    public static final String MEMORY_MB = "memory_mb";
    public static final String CPU_PERCENT = "cpu_percent";

    // registry-request-introspection (also reason)
    public static final String REGISTRY_ID = "registry_id";
    public static final String TARGET_NODE_TYPES = "target_node_types";
    public static final String RESPONSE_TIMEOUT_MS = "response_timeout_ms";
}
