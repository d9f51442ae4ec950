package io.onex.nodes.kafkaeffect;

import io.onex.api.contract.NodeContract;
import io.onex.runtime.contract.NodeConfigReader;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The node-specific settings of {@code kafka_event_effect}, read once from its contract's {@code config:} section
 * (where {@code ${env:...}} references make each overridable by environment). Unknown keys are rejected.
 *
 * @param topicPrefix prepended as {@code {prefix}.{topic}}; empty means none ({@code topic_prefix})
 * @param eventVersion the envelope {@code version} written ({@code default_event_version})
 * @param shutdownTimeout how long {@code stop()} waits for sends in flight ({@code shutdown_timeout})
 * @param transactionTimeout the transactional producer's {@code transaction.timeout.ms} and the bound on
 *     {@code initTransactions}/{@code commitTransaction} ({@code transaction_timeout})
 */
public record KafkaEffectConfig(String topicPrefix, String eventVersion, Duration shutdownTimeout,
        Duration transactionTimeout) {

    static final Set<String> KEYS = Set.of("topic_prefix", "default_event_version", "shutdown_timeout",
            "transaction_timeout");
    private static final Pattern TOPIC_PREFIX = Pattern.compile("[a-zA-Z0-9._-]*");

    /**
     * Reads and validates the settings, reporting every problem together.
     *
     * @param contract the node's contract
     * @return the settings
     * @throws IllegalArgumentException naming the contract file, each bad key, its value and what was expected
     */
    public static KafkaEffectConfig from(NodeContract contract) {
        NodeConfigReader config = NodeConfigReader.of(contract, KEYS);
        String prefix = config.text("topic_prefix", "");
        if (prefix.endsWith(".")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!TOPIC_PREFIX.matcher(prefix).matches()) {
            config.problem("config.topic_prefix: expected [a-zA-Z0-9._-]*, but was '" + prefix + "'");
        }
        Object givenVersion = contract.config().get("default_event_version");
        if (givenVersion != null && givenVersion.toString().isBlank()) {
            config.problem("config.default_event_version: expected a version like 1.0.0, but was empty");
        }
        String version = config.text("default_event_version", "1.0.0");
        Duration shutdown = config.duration("shutdown_timeout", Duration.ofSeconds(10));
        Duration transaction = config.duration("transaction_timeout", Duration.ofSeconds(30));
        config.check();
        return new KafkaEffectConfig(prefix, version, shutdown, transaction);
    }

    /** The topic an event is written to: {@code {prefix}.{topic}}, or the topic as given without a prefix. */
    public String route(String topic) {
        return topicPrefix.isEmpty() ? topic : topicPrefix + "." + topic;
    }
}
