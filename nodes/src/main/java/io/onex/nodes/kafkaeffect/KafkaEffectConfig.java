package io.onex.nodes.kafkaeffect;

import io.onex.api.contract.NodeContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
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
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    /**
     * Reads and validates the settings, reporting every problem together.
     *
     * @param contract the node's contract
     * @return the settings
     * @throws IllegalArgumentException naming the contract file, each bad key, its value and what was expected
     */
    public static KafkaEffectConfig from(NodeContract contract) {
        Map<String, Object> c = contract.config();
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(c.keySet())) {
            if (!KEYS.contains(key)) {
                problems.add("config." + key + ": unknown key, expected one of " + new TreeSet<>(KEYS));
            }
        }
        String prefix = text(c, "topic_prefix", "").trim();
        if (prefix.endsWith(".")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!TOPIC_PREFIX.matcher(prefix).matches()) {
            problems.add("config.topic_prefix: expected [a-zA-Z0-9._-]*, but was '" + prefix + "'");
        }
        String version = text(c, "default_event_version", "1.0.0").trim();
        if (version.isEmpty()) {
            problems.add("config.default_event_version: expected a version like 1.0.0, but was empty");
        }
        Duration shutdown = duration(c, "shutdown_timeout", Duration.ofSeconds(10), problems);
        Duration transaction = duration(c, "transaction_timeout", Duration.ofSeconds(30), problems);
        if (!problems.isEmpty()) {
            String where = contract.source().map(p -> p + ": ").orElse("contract " + contract.name() + ": ");
            throw new IllegalArgumentException(problems.size() == 1 ? where + problems.get(0)
                    : problems.size() + " errors in " + where + String.join("; ", problems));
        }
        return new KafkaEffectConfig(prefix, version, shutdown, transaction);
    }

    /** The topic an event is written to: {@code {prefix}.{topic}}, or the topic as given without a prefix. */
    public String route(String topic) {
        return topicPrefix.isEmpty() ? topic : topicPrefix + "." + topic;
    }

    private static String text(Map<String, Object> c, String key, String dflt) {
        Object v = c.get(key);
        return v == null ? dflt : v.toString();
    }

    private static Duration duration(Map<String, Object> c, String key, Duration dflt, List<String> problems) {
        Object v = c.get(key);
        if (v == null) {
            return dflt;
        }
        Matcher m = DURATION.matcher(v.toString().trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            problems.add("config." + key + ": expected a positive duration like 500ms, 10s or 2m, but was '" + v + "'");
            return dflt;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
