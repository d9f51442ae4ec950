package io.onex.runtime.contract.internal;

import io.onex.api.contract.ConsumerSpec;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.api.contract.ResilienceSpec;
import io.onex.api.contract.SemanticVersion;
import io.onex.api.contract.TopicSettings;
import io.onex.api.contract.TopicsSpec;
import io.onex.api.topic.TopicName;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Turns the YAML tree of one contract into a {@link NodeContract}: every key checked, defaults applied, every
 * problem reported with its position. The contract is built only when the file has no problem at all.
 */
public final class ContractBinder {

    /** The top-level keys, in the order they are documented. */
    public static final List<String> ROOT_KEYS = List.of("name", "version", "node_type", "description",
            "implementation", "topics", "resilience", "dead_letter", "heartbeat", "consumer", "config",
            "topic_settings");
    static final List<String> TOPICS_KEYS = List.of("subscribe", "publish");
    static final List<String> DEAD_LETTER_KEYS = List.of("enabled");
    static final List<String> HEARTBEAT_KEYS = List.of("interval");
    static final List<String> CONSUMER_KEYS = List.of("group_id", "max_poll_records", "max_in_flight", "batch_size",
            "batch_linger", "auto_offset_reset");
    static final List<String> TOPIC_SETTINGS_KEYS = List.of("partitions", "retention", "payload_schema");
    static final List<String> NODE_TYPES = List.of("effect", "compute", "reducer", "orchestrator");
    static final List<String> OFFSET_RESETS = List.of("earliest", "latest");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern CLASS_NAME =
            Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*\\.)+[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Pattern SCHEMA_RESOURCE = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*\\.json");
    private static final Duration HEARTBEAT_DEFAULT = Duration.ofSeconds(30);

    private final EnvironmentSubstitution environment;

    /**
     * @param environment the variables {@code ${env:...}} references resolve against
     */
    public ContractBinder(Map<String, String> environment) {
        this.environment = new EnvironmentSubstitution(environment);
    }

    /**
     * A contract together with where its name is written (to locate duplicate names across files).
     *
     * @param contract the contract
     * @param nameMark position of the {@code name} key
     */
    public record Bound(NodeContract contract, YamlNode.Mark nameMark) {
    }

    /**
     * Binds one contract.
     *
     * @param root the document root
     * @param problems where problems go
     * @return the contract, or empty when any problem was found
     */
    public Optional<Bound> bind(YamlNode root, FileProblems problems) {
        ValueReader values = new ValueReader(problems, environment);
        Optional<Section> opened = Section.open(root, root.mark(), "", ROOT_KEYS, values);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Section s = opened.get();
        s.require("name");
        s.require("version");
        s.require("node_type");
        s.require("implementation");
        Optional<String> name = s.matching("name", NAME, "snake_case matching [a-z][a-z0-9_]*");
        Optional<SemanticVersion> version = s.entry("version").flatMap(e -> version(e, values));
        Optional<NodeType> nodeType = s.oneOf("node_type", NODE_TYPES).map(NodeType::fromWire);
        String description = s.string("description").orElse("");
        Optional<String> implementation = s.matching("implementation", CLASS_NAME,
                "a fully qualified Java class name like io.onex.nodes.kafkaeffect.NodeKafkaEventEffect");

        Optional<Section> topicsSection = s.section("topics", TOPICS_KEYS);
        TopicsSpec topics = topicsSection.map(t -> new TopicsSpec(topicList(t, "subscribe"), topicList(t, "publish")))
                .orElse(TopicsSpec.none());
        ResilienceSpec resilience = ResilienceBinder.read(s.section("resilience", ResilienceBinder.RESILIENCE_KEYS));
        boolean deadLetter = s.section("dead_letter", DEAD_LETTER_KEYS)
                .flatMap(d -> d.bool("enabled")).orElse(true);
        Duration heartbeat = s.section("heartbeat", HEARTBEAT_KEYS)
                .flatMap(h -> h.duration("interval", Duration.ofSeconds(1), true)).orElse(HEARTBEAT_DEFAULT);
        Optional<ConsumerSpec> consumer = consumer(s, topicsSection, topics, name.orElse(""));
        Map<String, Object> config = config(s, values);
        Map<String, TopicSettings> topicSettings = topicSettings(s, values, topics);

        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        NodeContract contract = new NodeContract(name.orElseThrow(), version.orElseThrow(), nodeType.orElseThrow(),
                description, implementation.orElseThrow(), topics, resilience, deadLetter, heartbeat, consumer,
                config, Optional.of(problems.file()), topicSettings);
        return Optional.of(new Bound(contract, s.markOf("name")));
    }

    private static Optional<SemanticVersion> version(YamlNode.Entry e, ValueReader values) {
        // any scalar: "version: 1.0" parses as a float, and the useful message is about the version form
        if (!(e.value() instanceof YamlNode.Scalar scalar)) {
            values.problems().add(e.keyMark(), "version",
                    "expected a semantic version MAJOR.MINOR.PATCH (e.g. 1.0.0), but was " + e.value().describe());
            return Optional.empty();
        }
        Optional<String> text = values.string(new YamlNode.Scalar(scalar.text(), YamlNode.Kind.STRING, scalar.mark()),
                e.keyMark(), "version");
        try {
            return text.map(SemanticVersion::parse);
        } catch (IllegalArgumentException ex) {
            values.problems().add(e.keyMark(), "version", ex.getMessage());
            return Optional.empty();
        }
    }

    private static List<String> topicList(Section topics, String key) {
        return topics.stringList(key, (node, at, field) -> topics.values().string(node, at, field).flatMap(t -> {
            String problem = TopicName.problem(t);
            if (problem != null) {
                topics.values().problems().add(at, field, problem);
                return Optional.empty();
            }
            return Optional.of(t);
        })).orElse(List.of());
    }

    private static Optional<ConsumerSpec> consumer(Section s, Optional<Section> topicsSection, TopicsSpec topics,
            String name) {
        boolean subscribeUnusable = topicsSection.map(t -> t.has("subscribe")).orElse(false)
                && topics.subscribe().isEmpty();
        if (topics.subscribe().isEmpty()) {
            if (s.has("consumer") && !subscribeUnusable) {
                s.problem("consumer", "allowed only when topics.subscribe lists at least one topic, "
                        + "but the node subscribes to none");
            }
            return Optional.empty();
        }
        Optional<Section> c = s.section("consumer", CONSUMER_KEYS);
        String groupId = c.flatMap(x -> x.matching("group_id", GROUP_ID, "a consumer group id of [A-Za-z0-9._-]"))
                .orElse(name);
        int maxPollRecords = c.flatMap(x -> x.integer("max_poll_records", 1, 10_000)).orElse(500);
        int maxInFlight = c.flatMap(x -> x.integer("max_in_flight", 1, 100_000)).orElse(100);
        int batchSize = c.flatMap(x -> x.integer("batch_size", 1, 100_000)).orElse(500);
        Duration batchLinger = c.flatMap(x -> x.positiveDuration("batch_linger")).orElse(Duration.ofSeconds(1));
        String autoOffsetReset = c.flatMap(x -> x.oneOf("auto_offset_reset", OFFSET_RESETS)).orElse("earliest");
        return Optional.of(new ConsumerSpec(groupId, maxPollRecords, maxInFlight, batchSize, batchLinger,
                autoOffsetReset));
    }

    /** {@code topic_settings}: per topic of the contract's own, how it is created and what its payloads must be. */
    private static Map<String, TopicSettings> topicSettings(Section s, ValueReader values, TopicsSpec topics) {
        Map<String, TopicSettings> out = new LinkedHashMap<>();
        s.entry("topic_settings").flatMap(e -> values.mapping(e.value(), e.keyMark(), "topic_settings")).ifPresent(m -> {
            for (YamlNode.Entry e : m.entries()) {
                String field = "topic_settings." + e.key();
                if (!topics.subscribe().contains(e.key()) && !topics.publish().contains(e.key())) {
                    values.problems().add(e.keyMark(), field, "expected a topic listed under topics.subscribe or"
                            + " topics.publish, but '" + e.key() + "' is in neither");
                    continue;
                }
                Section.open(e.value(), e.keyMark(), field, TOPIC_SETTINGS_KEYS, values).ifPresent(t -> {
                    Optional<Integer> partitions = t.integer("partitions", 1, 10_000);
                    Optional<Duration> retention = t.positiveDuration("retention");
                    Optional<String> schema = t.matching("payload_schema", SCHEMA_RESOURCE,
                            "a classpath resource ending .json, like io/onex/nodes/agentlog/schema/agent-quality-gate.v1.json");
                    out.put(e.key(), new TopicSettings(partitions.map(OptionalInt::of).orElse(OptionalInt.empty()),
                            retention, schema));
                });
            }
        });
        return out;
    }

    private static Map<String, Object> config(Section s, ValueReader values) {
        return s.entry("config")
                .flatMap(e -> values.mapping(e.value(), e.keyMark(), "config"))
                .map(m -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    for (YamlNode.Entry e : m.entries()) {
                        values.free(e.value(), e.keyMark(), "config." + e.key()).ifPresent(v -> out.put(e.key(), v));
                    }
                    return out;
                })
                .orElse(Map.of());
    }
}
