package io.onex.runtime.contract;

import io.onex.api.contract.CircuitBreakerSpec;
import io.onex.api.contract.ResilienceSpec;
import io.onex.api.contract.RetrySpec;
import io.onex.runtime.config.ConfigTable;
import io.onex.runtime.contract.internal.ContractReferenceWriter;
import io.onex.runtime.contract.internal.ContractSchemaWriter;
import io.onex.runtime.yaml.ValueReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every key of a node contract, declared once (like {@link ConfigTable} for environment variables): path, type and
 * range, whether required, default, doc, and the environment variable it falls back to. The loader reads contracts
 * by it (unknown keys, types, ranges), and the JSON Schema ({@link #jsonSchema()}, checked in as
 * {@value ContractSchema#RESOURCE}) and {@code docs/contract-reference.md} ({@link #markdown()}) are written from
 * it. The node's own {@code config:} is declared as one free-form key.
 *
 * <p>To add a key: add a row below, in documented order, under its section (a new section is a {@code section(...)}
 * row before its keys; a key that falls back to an environment variable of {@link ConfigTable} says so with
 * {@code .fallingBackTo(...)}); read it in {@code ContractBinder} through {@code KeyReader} with the same path
 * ({@code keys.section("x").flatMap(x -> x.integer("y")).orElse(tableDefault("x.y", Integer.class))}), which checks
 * it against the row; then rewrite the schema and the reference page with
 * {@code mvn -B -o -q -pl node-runtime -am test -Dtest=ContractTableFilesTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Donex.regenerate=true}.
 *
 * <p>The rules between keys that a row cannot say are listed in {@link #rules()}; the loader checks them.
 */
public final class ContractTable {

    /** Topic names or ONEX references, as the schema checks them; the loader checks ONEX references further. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern EXCEPTION_CLASS =
            Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*\\.)*[A-Za-z_$][A-Za-z0-9_$]*");
    private static final String EXCEPTION_FORM = "an exception class name like java.io.IOException or IOException";
    /** Upper bound of window-like counts: resilience4j allocates the count-based window up front. */
    private static final int MAX_WINDOW = 10_000;
    /** Upper bounds of the producer keys, as {@code KAFKA_PRODUCER_*} allows them. */
    public static final int MAX_LINGER_MS = 60_000;
    public static final int MAX_BATCH_SIZE = 1_048_576;
    /** Upper bound of lag thresholds: a billion records, far beyond any useful alert. */
    private static final int MAX_LAG = 1_000_000_000;
    private static final Pattern SCHEMA_RESOURCE = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*\\.json");

    /** The type words of {@code outputs}. */
    public static final List<String> OUTPUT_TYPES = List.of("string", "integer", "number", "boolean", "list", "map",
            "any");

    /** {@code remote.served}: the node runs in this runtime. */
    public static final String SERVED_HERE = "here";
    /** {@code remote.served}: other runtimes run the node; this one only calls it. */
    public static final String SERVED_ELSEWHERE = "elsewhere";
    /** The keys that describe running a node, which a contract with {@code remote.served: elsewhere} leaves out. */
    public static final List<String> SERVING_KEYS = List.of("implementation", "topics", "consumer", "heartbeat",
            "config", "topic_settings");

    private static final RetrySpec RETRY = RetrySpec.defaults();
    private static final CircuitBreakerSpec BREAKER = CircuitBreakerSpec.defaults();

    private static final List<ContractKey> KEYS = List.of(
            required("name", new KeyType.Text(Pattern.compile("[a-z][a-z0-9_]*"),
                    "snake_case matching [a-z][a-z0-9_]*"), "Contract name, snake_case, unique within a folder."),
            required("version", new KeyType.Version(), "Semantic version MAJOR.MINOR.PATCH."),
            required("node_type", new KeyType.Choice(List.of("effect", "compute", "reducer", "orchestrator")),
                    "The node kind."),
            key("description", new KeyType.Text(null, "a string"), "", "(empty)", "What the node does."),
            key("implementation", new KeyType.Text(
                    Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*\\.)+[A-Za-z_$][A-Za-z0-9_$]*"),
                    "a fully qualified Java class name like io.onex.nodes.kafkaeffect.NodeKafkaEventEffect"),
                    null, "(required unless remote.served is elsewhere)",
                    "Fully qualified class implementing the node."),

            section("topics", "Subscribed and published topics."),
            key("topics.subscribe", new KeyType.TextList(TOPIC, "a Kafka topic name or ONEX reference"), List.of(),
                    "(none)", "Topics consumed: full names, ONEX references (onex.evt.name.v1) or other legal Kafka "
                            + "names."),
            key("topics.publish", new KeyType.TextList(TOPIC, "a Kafka topic name or ONEX reference"), List.of(),
                    "(none)", "Topics published."),

            section("resilience", "Timeout, retry and circuit breaker; defaults apply to what is left out."),
            key("resilience.timeout", positiveDuration(), ResilienceSpec.defaults().timeout(),
                    "Limit on one attempt."),
            section("resilience.retry", "Retry with exponential backoff."),
            key("resilience.retry.max_attempts", new KeyType.IntRange(1, 100), RETRY.maxAttempts(),
                    "Total attempts including the first; 1 = no retry."),
            key("resilience.retry.initial_backoff", positiveDuration(), RETRY.initialBackoff(),
                    "Wait before the second attempt."),
            key("resilience.retry.multiplier", new KeyType.NumberRange(1.0, true, Double.MAX_VALUE, true),
                    RETRY.multiplier(), "Growth factor of the wait."),
            key("resilience.retry.max_backoff", positiveDuration(), RETRY.maxBackoff(),
                    ValueReader.format(RETRY.maxBackoff()) + ", or initial_backoff when that is longer",
                    "Cap on any wait, >= initial_backoff."),
            key("resilience.retry.jitter", new KeyType.NumberRange(0.0, true, 1.0, false), RETRY.jitter(),
                    "Randomization factor: a wait w becomes uniform in [w(1-j), w(1+j)]."),
            key("resilience.retry.retry_on", new KeyType.TextList(EXCEPTION_CLASS, EXCEPTION_FORM), List.of(),
                    "(every exception not in never_retry_on)", "Exception class names (or simple names) retried."),
            key("resilience.retry.never_retry_on", new KeyType.TextList(EXCEPTION_CLASS, EXCEPTION_FORM), List.of(),
                    "(none)", "Exception class names (or simple names) never retried; NonRetryableException and "
                            + "its subclasses never are, regardless."),
            section("resilience.circuit_breaker", "Circuit breaker."),
            key("resilience.circuit_breaker.enabled", new KeyType.Bool(), BREAKER.enabled(),
                    "Whether the breaker is used."),
            key("resilience.circuit_breaker.failure_threshold", window(), null, "(none)",
                    "Shorthand: open after N consecutive failures (window N, minimum N, rate 100). Excludes "
                            + "failure_rate_threshold, sliding_window_size, minimum_calls."),
            key("resilience.circuit_breaker.failure_rate_threshold", new KeyType.NumberRange(0.0, false, 100.0, true),
                    (double) BREAKER.failureRateThreshold(), "Failure rate in percent that opens the breaker."),
            key("resilience.circuit_breaker.sliding_window_size", window(), BREAKER.slidingWindowSize(),
                    "Calls the rate is computed over."),
            key("resilience.circuit_breaker.minimum_calls", window(), null,
                    "sliding_window_size when given, else " + BREAKER.minimumCalls(),
                    "Calls needed before the rate is computed, <= sliding_window_size."),
            key("resilience.circuit_breaker.wait_in_open", positiveDuration(), BREAKER.waitInOpen(),
                    "How long the breaker stays open before half-opening."),
            key("resilience.circuit_breaker.calls_in_half_open", window(), BREAKER.callsInHalfOpen(),
                    "Trial calls while half-open."),
            key("resilience.circuit_breaker.dead_letter_when_open", new KeyType.Bool(), BREAKER.deadLetterWhenOpen(),
                    "Route calls rejected by the open breaker to the DLQ (true) or fail them back to the caller or "
                            + "consumer for a later retry (false)."),

            section("dead_letter", "Dead-letter routing."),
            key("dead_letter.enabled", new KeyType.Bool(), true, "Route final failures to <topic>.dlq."),
            section("heartbeat", "Heartbeat."),
            key("heartbeat.interval", new KeyType.DurationMin(Duration.ofSeconds(1), true), Duration.ofSeconds(30),
                    "Interval of node-heartbeat broadcasts."),
            section("remote", "Calls from other runtimes (docs/remote-calls.md)."),
            key("remote.request_topic", new KeyType.Text(TOPIC, "a Kafka topic name or ONEX reference"), null,
                    "onex.cmd.<node-name>-requested.v1 (underscores as hyphens)",
                    "Topic other runtimes send this node's call requests to, consumed by every instance of the node "
                            + "in one group; announced in the node's introspection, so callers need not know it."),
            key("remote.served", new KeyType.Choice(List.of(SERVED_ELSEWHERE, SERVED_HERE)), SERVED_HERE,
                    "Where the node runs. here: this runtime runs it. elsewhere: other runtimes run it and this one "
                            + "only calls it; the contract then declares how this runtime calls it (resilience, "
                            + "dead_letter, outputs, remote.request_topic), and names no implementation, topics, "
                            + "consumer, heartbeat, config or topic_settings."),

            section("consumer", "Consumer settings; allowed only when topics.subscribe is non-empty."),
            key("consumer.group_id", new KeyType.Text(Pattern.compile("[A-Za-z0-9._-]{1,249}"),
                    "a consumer group id of [A-Za-z0-9._-]"), null, "the contract name",
                    "Consumer group. KAFKA_CONSUMER_GROUP applies only to the one subscribing node without a "
                            + "group_id among the contracts loaded together; see below.")
                    .fallingBackTo(ConfigTable.KAFKA_CONSUMER_GROUP),
            key("consumer.max_poll_records", new KeyType.IntRange(1, 10_000), 500, "Records per poll.")
                    .fallingBackTo(ConfigTable.KAFKA_MAX_POLL_RECORDS),
            key("consumer.max_in_flight", new KeyType.IntRange(1, 100_000), 100,
                    "Records in the pipeline and not yet done, per consumer; polling pauses at this bound."),
            key("consumer.batch_size", new KeyType.IntRange(1, 100_000), 500,
                    "Records per batch: the most a BatchEffectNode is handed in one call, and the batch size of a"
                            + " node that batches its own calls (CallBatcher)."),
            key("consumer.batch_linger", positiveDuration(), Duration.ofSeconds(1),
                    "How long a node that batches its own calls (CallBatcher) waits to fill a batch; a"
                            + " BatchEffectNode does not linger: it is handed what the polls brought."),
            key("consumer.auto_offset_reset", new KeyType.Choice(List.of("earliest", "latest")), "earliest",
                    "Where a consumer group without committed offsets starts.")
                    .fallingBackTo(ConfigTable.KAFKA_AUTO_OFFSET_RESET),

            section("producer", "The producer the node publishes with; a contract that gives any of these gets a "
                    + "producer of its own, the others share the runtime's. Requests, replies, introspection and "
                    + "heartbeats never wait for a batch: they go through the runtime's own producer with linger 0."),
            key("producer.linger_ms", new KeyType.IntRange(0, MAX_LINGER_MS), null,
                    "the runtime's (KAFKA_PRODUCER_LINGER_MS)",
                    "Kafka's linger.ms: how long a batch waits for more records. Higher: fuller batches and more "
                            + "records/s; a caller that waits for each send's acknowledgement waits this long too."),
            key("producer.batch_size", new KeyType.IntRange(0, MAX_BATCH_SIZE), null,
                    "the runtime's (KAFKA_PRODUCER_BATCH_SIZE)",
                    "Kafka's batch.size: bytes per partition batch; a full batch is sent without waiting for "
                            + "linger_ms. 0 turns batching off."),
            key("producer.compression", new KeyType.Choice(List.of("none", "gzip", "snappy", "lz4", "zstd")), null,
                    "the runtime's (KAFKA_COMPRESSION_TYPE)", "Kafka's compression.type of the batches."),
            section("health", "Thresholds of the node's consumer-group health (docs/operating.md); allowed only when "
                    + "topics.subscribe is non-empty. What is left out, the runtime's environment decides."),
            key("health.lag_warning", new KeyType.IntRange(0, MAX_LAG), null,
                    "the runtime's (ONEX_LAG_WARNING, 1000)", "Total lag of the node's group above which /health and "
                            + "heartbeats say degraded."),
            key("health.lag_critical", new KeyType.IntRange(0, MAX_LAG), null,
                    "the runtime's (ONEX_LAG_CRITICAL, 5000)", "Total lag above which the group is critical "
                            + "(unhealthy), unless it shrinks over the lag window (catching up: degraded)."),
            key("health.dlq_rate_warning", new KeyType.NumberRange(0.0, true, 1.0, true), null,
                    "the runtime's (ONEX_DLQ_RATE_WARNING, 0.01)", "Share of the group's consumed records "
                            + "dead-lettered over the lag window above which it is degraded (0.01 = 1%)."),

            new ContractKey("config", new KeyType.FreeForm(), false, null, "(empty)",
                    "Node-specific configuration, free-form: the node reads it with NodeConfigReader.",
                    Optional.empty()),
            new ContractKey("topic_settings", new KeyType.TopicMap(), false, null, "(empty)",
                    "Per topic of the contract's own (as written under topics): how the runtime creates it and what "
                            + "its payloads must be. A key may hold ${env:NAME:-default} like the topic it names, and "
                            + "is resolved the same way, so one variable renames the topic and its settings together.",
                    Optional.empty()),
            key("topic_settings.*.partitions", new KeyType.IntRange(1, 10_000), null, "the runtime's (ONEX_TOPIC_PARTITIONS)",
                    "Partitions when the runtime creates the topic (existing topics are left as they are)."),
            key("topic_settings.*.retention", positiveDuration(), null, "7 days",
                    "retention.ms when the runtime creates the topic."),
            key("topic_settings.*.payload_schema", new KeyType.Text(SCHEMA_RESOURCE,
                    "a classpath resource ending .json, like io/onex/nodes/agentlog/schema/agent-quality-gate.v1.json"),
                    null, "(none)", "JSON Schema (2020-12) every payload published to or consumed from the topic must "
                            + "match: a publish that does not fails, a consumed record that does not goes to the DLQ."),
            key("topic_settings.*.dead_letter_topic", new KeyType.Text(TOPIC, "a Kafka topic name or ONEX reference"),
                    null, "<topic>.dlq", "Where this topic's dead letters go instead (e.g. the Python services' "
                            + "omninode_codegen_dlq_validate_v1); created like a .dlq topic: 1 partition, 30 days."),
            new ContractKey("outputs", new KeyType.FieldTypes(OUTPUT_TYPES), false, null, "(not declared)",
                    "The fields of the node's result, each with its type (e.g. word_count: integer). When declared, "
                            + "workflows that read another field of the node's step (${stats.wrd_count}) are "
                            + "rejected at load time; when not, they are not checked.", Optional.empty()));

    private static final List<String> RULES = List.of(
            "consumer is allowed only when topics.subscribe lists at least one topic.",
            "health is allowed only when topics.subscribe lists at least one topic.",
            "health.lag_critical must be >= health.lag_warning (either one as given, or else the runtime's).",
            "resilience.circuit_breaker.failure_threshold cannot be combined with failure_rate_threshold, "
                    + "sliding_window_size or minimum_calls.",
            "resilience.circuit_breaker.minimum_calls must be <= sliding_window_size.",
            "resilience.retry.max_backoff must be >= initial_backoff.",
            "topics.subscribe and topics.publish: an ONEX reference (onex.<kind>.<name>.v<N>) must be well formed.",
            "name must be unique among the contracts of a folder.",
            "implementation is required unless remote.served is elsewhere; with remote.served: elsewhere, "
                    + "implementation, topics, consumer, heartbeat, config and topic_settings are not allowed.");

    private ContractTable() {
    }

    /** Every key, in documented order (a section before its keys). */
    public static List<ContractKey> keys() {
        return KEYS;
    }

    /**
     * The key at a path.
     *
     * @param path dotted path, e.g. {@code consumer.max_poll_records}
     * @return the key
     * @throws IllegalArgumentException when the table declares no such key (a binder out of step with the table)
     */
    public static ContractKey key(String path) {
        return KEYS.stream().filter(k -> k.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the contract table declares no key " + path));
    }

    /**
     * The keys a mapping may hold, in documented order.
     *
     * @param sectionPath the mapping's path, empty for the root
     * @return the key names
     */
    public static List<String> keysOf(String sectionPath) {
        List<String> names = new ArrayList<>();
        for (ContractKey k : KEYS) {
            if (k.parent().equals(sectionPath)) {
                names.add(k.name());
            }
        }
        return List.copyOf(names);
    }

    /** The rules between keys, which the loader checks and the reference lists. */
    public static List<String> rules() {
        return RULES;
    }

    /** The JSON Schema of contracts, written from the table (the text of {@value ContractSchema#RESOURCE}). */
    public static String jsonSchema() {
        return ContractSchemaWriter.write(KEYS);
    }

    /** The contract reference page, written from the table (the text of {@code docs/contract-reference.md}). */
    public static String markdown() {
        return ContractReferenceWriter.write(KEYS, RULES);
    }

    private static ContractKey required(String path, KeyType type, String doc) {
        return new ContractKey(path, type, true, null, "", doc, Optional.empty());
    }

    private static ContractKey section(String path, String doc) {
        return new ContractKey(path, new KeyType.Section(), false, null, "", doc, Optional.empty());
    }

    private static ContractKey key(String path, KeyType type, Object defaultValue, String doc) {
        String text = defaultValue instanceof Duration d ? ValueReader.format(d) : String.valueOf(defaultValue);
        return key(path, type, defaultValue, text, doc);
    }

    private static ContractKey key(String path, KeyType type, Object defaultValue, String defaultText, String doc) {
        return new ContractKey(path, type, false, defaultValue, defaultText, doc, Optional.empty());
    }

    private static KeyType positiveDuration() {
        return new KeyType.DurationMin(Duration.ZERO, false);
    }

    private static KeyType window() {
        return new KeyType.IntRange(1, MAX_WINDOW);
    }
}
