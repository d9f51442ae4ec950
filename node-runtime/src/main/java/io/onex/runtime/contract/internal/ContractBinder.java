package io.onex.runtime.contract.internal;

import io.onex.api.contract.ConsumerSpec;
import io.onex.api.contract.HealthSpec;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.NodeType;
import io.onex.api.contract.ProducerSpec;
import io.onex.api.contract.ResilienceSpec;
import io.onex.api.contract.SemanticVersion;
import io.onex.api.contract.TopicSettings;
import io.onex.api.contract.TopicsSpec;
import io.onex.api.topic.TopicName;
import io.onex.runtime.config.ConfigTable;
import io.onex.runtime.config.Setting;
import io.onex.runtime.contract.ContractKey;
import io.onex.runtime.contract.ContractTable;
import io.onex.runtime.contract.KeyType;
import io.onex.runtime.contract.ResilienceBinder;
import io.onex.runtime.yaml.EnvironmentSubstitution;
import io.onex.runtime.yaml.FileProblems;
import io.onex.runtime.yaml.Section;
import io.onex.runtime.yaml.ValueReader;
import io.onex.runtime.yaml.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * Turns the YAML tree of one contract into a {@link NodeContract}: every key checked as the contract table declares
 * it, defaults and environment fallbacks applied, every problem reported with its position. The contract is built
 * only when the file has no problem at all.
 */
public final class ContractBinder {

    private final Map<String, String> environment;
    private final EnvironmentSubstitution substitution;

    /**
     * @param environment the variables {@code ${env:...}} references and environment fallbacks resolve against
     */
    public ContractBinder(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.substitution = new EnvironmentSubstitution(environment);
    }

    /**
     * A contract together with where its name is written (to locate duplicate names across files).
     *
     * @param contract the contract
     * @param nameMark position of the {@code name} key
     * @param consumerGroupGiven whether the contract gives {@code consumer.group_id} itself (else the group is the
     *     contract name, and the loader may give it {@code KAFKA_CONSUMER_GROUP})
     */
    public record Bound(NodeContract contract, YamlNode.Mark nameMark, boolean consumerGroupGiven) {
    }

    /**
     * Binds one contract.
     *
     * @param root the document root
     * @param problems where problems go
     * @return the contract, or empty when any problem was found
     */
    public Optional<Bound> bind(YamlNode root, FileProblems problems) {
        ValueReader values = new ValueReader(problems, substitution);
        Optional<KeyReader> opened = KeyReader.root(root, values);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        KeyReader keys = opened.get();
        Section s = keys.section();
        s.require("name");
        s.require("version");
        s.require("node_type");
        // read first: whether the node runs here decides which keys are required and which are allowed
        Optional<KeyReader> remote = keys.section("remote");
        boolean servedElsewhere = remote.flatMap(r -> r.choice("served"))
                .map(ContractTable.SERVED_ELSEWHERE::equals).orElse(false);
        checkServingKeys(s, servedElsewhere);
        Optional<String> name = keys.text("name");
        Optional<SemanticVersion> version = s.entry("version").flatMap(e -> version(e, values));
        Optional<NodeType> nodeType = keys.choice("node_type").map(NodeType::fromWire);
        String description = keys.text("description").orElse("");
        Optional<String> implementation = keys.text("implementation");

        Optional<KeyReader> topicsSection = keys.section("topics");
        TopicsSpec topics = topicsSection.map(t -> new TopicsSpec(topicList(t.section(), "subscribe"),
                topicList(t.section(), "publish"))).orElse(TopicsSpec.none());
        ResilienceSpec resilience = ResilienceBinder.read(keys.section("resilience").map(KeyReader::section));
        boolean deadLetter = keys.section("dead_letter").flatMap(d -> d.bool("enabled"))
                .orElse(tableDefault("dead_letter.enabled", Boolean.class));
        Duration heartbeat = keys.section("heartbeat").flatMap(h -> h.duration("interval"))
                .orElse(tableDefault("heartbeat.interval", Duration.class));
        Optional<String> requestTopic = remote.flatMap(r -> r.text("request_topic"));
        ConsumerBinding consumer = consumer(keys, topicsSection, topics, name.orElse(""));
        HealthSpec health = health(keys, topics);
        Map<String, Object> config = config(s, values);
        Map<String, TopicSettings> topicSettings = topicSettings(s, values, topics);
        Map<String, String> outputs = outputs(s, values);
        ProducerSpec producer = keys.section("producer").map(ContractBinder::producer)
                .orElse(ProducerSpec.RUNTIME_DEFAULTS);

        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        NodeContract contract = NodeContract.builder().name(name.orElseThrow()).version(version.orElseThrow())
                .nodeType(nodeType.orElseThrow()).description(description).implementation(implementation.orElse(""))
                .topics(topics).resilience(resilience).deadLetterEnabled(deadLetter).heartbeatInterval(heartbeat)
                .consumer(consumer.spec()).config(config).source(problems.file()).topicSettings(topicSettings)
                .outputs(outputs).requestTopic(requestTopic.orElse(null)).producer(producer)
                .health(health).servedElsewhere(servedElsewhere).build();
        return Optional.of(new Bound(contract, s.markOf("name"), consumer.groupGiven()));
    }

    /** {@code producer}: each key the contract gives; the runtime fills in the rest from its own settings. */
    private static ProducerSpec producer(KeyReader p) {
        return new ProducerSpec(p.integer("linger_ms").map(OptionalInt::of).orElse(OptionalInt.empty()),
                p.integer("batch_size").map(OptionalInt::of).orElse(OptionalInt.empty()), p.choice("compression"));
    }

    /**
     * A node this runtime runs needs its implementation; a node other runtimes run ({@code remote.served: elsewhere})
     * is only called from here, so what describes running it has no meaning and is refused rather than ignored.
     */
    private static void checkServingKeys(Section s, boolean servedElsewhere) {
        if (!servedElsewhere) {
            s.require("implementation");
            return;
        }
        for (String key : ContractTable.SERVING_KEYS) {
            if (s.has(key)) {
                s.problem(key, "not allowed with remote.served: elsewhere (other runtimes run the node, this one "
                        + "only calls it); expected it left out, or remote.served: here");
            }
        }
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

    /** The consumer, and whether the contract names its group. */
    private record ConsumerBinding(Optional<ConsumerSpec> spec, boolean groupGiven) {
    }

    private ConsumerBinding consumer(KeyReader keys, Optional<KeyReader> topicsSection, TopicsSpec topics,
            String name) {
        Section s = keys.section();
        boolean subscribeUnusable = topicsSection.map(t -> t.section().has("subscribe")).orElse(false)
                && topics.subscribe().isEmpty();
        if (topics.subscribe().isEmpty()) {
            if (s.has("consumer") && !subscribeUnusable) {
                s.problem("consumer", "allowed only when topics.subscribe lists at least one topic, "
                        + "but the node subscribes to none");
            }
            return new ConsumerBinding(Optional.empty(), false);
        }
        Optional<KeyReader> c = keys.section("consumer");
        String groupId = c.flatMap(x -> x.text("group_id")).orElse(name);
        int maxPollRecords = orFallback(s, c, "max_poll_records", KeyReader::integer, Integer.class);
        int maxInFlight = c.flatMap(x -> x.integer("max_in_flight"))
                .orElse(tableDefault("consumer.max_in_flight", Integer.class));
        int batchSize = c.flatMap(x -> x.integer("batch_size"))
                .orElse(tableDefault("consumer.batch_size", Integer.class));
        Duration batchLinger = c.flatMap(x -> x.duration("batch_linger"))
                .orElse(tableDefault("consumer.batch_linger", Duration.class));
        String autoOffsetReset = orFallback(s, c, "auto_offset_reset", KeyReader::choice, String.class);
        return new ConsumerBinding(Optional.of(new ConsumerSpec(groupId, maxPollRecords, maxInFlight, batchSize,
                batchLinger, autoOffsetReset)), c.map(x -> x.section().has("group_id")).orElse(false));
    }

    /**
     * A consumer key the contract gives wins; else its environment variable when set and not blank; else the
     * table's default. A bad variable is reported at the contract's {@code consumer} (or its start).
     */
    private <T> T orFallback(Section root, Optional<KeyReader> consumer, String key,
            BiFunction<KeyReader, String, Optional<T>> read, Class<T> type) {
        ContractKey declared = ContractTable.key("consumer." + key);
        T byDefault = type.cast(declared.defaultValue());
        if (consumer.isPresent() && consumer.get().section().has(key)) {
            return read.apply(consumer.get(), key).orElse(byDefault);
        }
        String variable = declared.environmentVariable().orElseThrow();
        String text = environment.get(variable);
        if (text == null || text.isBlank()) {
            return byDefault;
        }
        Setting setting = ConfigTable.setting(variable).orElseThrow();
        try {
            return type.cast(setting.parse(text));
        } catch (IllegalArgumentException e) {
            root.values().problems().add(root.markOf("consumer"), declared.path(), "not given, so it falls back to "
                    + "environment variable " + variable + ", but its value " + setting.shown(text.trim())
                    + " is invalid: " + e.getMessage() + "; expected the variable fixed or unset, or " + key
                    + " given in the contract");
            return byDefault;
        }
    }

    /** {@code health}: the group's own thresholds, each optional (the runtime's defaults fill in at start). */
    private static HealthSpec health(KeyReader keys, TopicsSpec topics) {
        Optional<KeyReader> h = keys.section("health");
        if (h.isEmpty()) {
            return HealthSpec.none();
        }
        if (topics.subscribe().isEmpty()) {
            keys.section().problem("health", "allowed only when topics.subscribe lists at least one topic, "
                    + "but the node subscribes to none");
            return HealthSpec.none();
        }
        Optional<Integer> warning = h.get().integer("lag_warning");
        Optional<Integer> critical = h.get().integer("lag_critical");
        if (warning.isPresent() && critical.isPresent() && critical.get() < warning.get()) {
            h.get().section().problem("lag_critical", "must be >= health.lag_warning (" + warning.get()
                    + "), but was " + critical.get());
        }
        return new HealthSpec(warning.map(OptionalLong::of).orElse(OptionalLong.empty()),
                critical.map(OptionalLong::of).orElse(OptionalLong.empty()),
                h.get().number("dlq_rate_warning").map(OptionalDouble::of).orElse(OptionalDouble.empty()));
    }

    private static <T> T tableDefault(String path, Class<T> type) {
        return type.cast(ContractTable.key(path).defaultValue());
    }

    /**
     * {@code topic_settings}: per topic of the contract's own, how it is created and what its payloads must be. A key
     * is substituted as the topics under {@code topics} are, so {@code ${env:NAME:-default}} written in both renames
     * the topic and its settings together; it must then name one of those topics, once.
     */
    private Map<String, TopicSettings> topicSettings(Section s, ValueReader values, TopicsSpec topics) {
        Map<String, TopicSettings> out = new LinkedHashMap<>();
        Map<String, YamlNode.Mark> seen = new LinkedHashMap<>();
        s.entry("topic_settings").flatMap(e -> values.mapping(e.value(), e.keyMark(), "topic_settings")).ifPresent(m -> {
            for (YamlNode.Entry e : m.entries()) {
                Optional<String> topic = settingsTopic(e, values, topics);
                if (topic.isEmpty()) {
                    continue;
                }
                String field = "topic_settings." + topic.get();
                YamlNode.Mark earlier = seen.putIfAbsent(topic.get(), e.keyMark());
                if (earlier != null) {
                    String written = e.key().equals(topic.get()) ? "" : " (written '" + e.key() + "')";
                    values.problems().add(e.keyMark(), field, "topic '" + topic.get() + "'" + written + " already has "
                            + "settings at line " + earlier.line() + "; expected each topic's settings once");
                    continue;
                }
                String tablePath = "topic_settings." + KeyType.TopicMap.ANY_TOPIC;
                Section.open(e.value(), e.keyMark(), field, ContractTable.keysOf(tablePath), values).ifPresent(sec -> {
                    KeyReader t = KeyReader.of(sec, tablePath);
                    Optional<Integer> partitions = t.integer("partitions");
                    Optional<Duration> retention = t.duration("retention");
                    Optional<String> schema = t.text("payload_schema");
                    Optional<String> deadLetterTopic = t.text("dead_letter_topic");
                    out.put(topic.get(), new TopicSettings(partitions.map(OptionalInt::of).orElse(OptionalInt.empty()),
                            retention, schema, deadLetterTopic));
                });
            }
        });
        return out;
    }

    /** The topic a {@code topic_settings} key names after substitution, when it is one of the contract's own. */
    private Optional<String> settingsTopic(YamlNode.Entry e, ValueReader values, TopicsSpec topics) {
        EnvironmentSubstitution.Result key = substitution.substitute(e.key());
        if (!key.problems().isEmpty()) {
            key.problems().forEach(p -> values.problems().add(e.keyMark(), "topic_settings." + e.key(), p));
            return Optional.empty();
        }
        String topic = key.text();
        if (!topics.subscribe().contains(topic) && !topics.publish().contains(topic)) {
            String written = key.substituted() ? " (written '" + e.key() + "')" : "";
            values.problems().add(e.keyMark(), "topic_settings." + topic, "expected a topic listed under "
                    + "topics.subscribe or topics.publish (" + String.join(", ", ownTopics(topics)) + "), but '"
                    + topic + "'" + written + " is in neither");
            return Optional.empty();
        }
        return Optional.of(topic);
    }

    private static List<String> ownTopics(TopicsSpec topics) {
        List<String> own = new ArrayList<>(topics.subscribe());
        topics.publish().stream().filter(t -> !own.contains(t)).forEach(own::add);
        return own.isEmpty() ? List.of("(none)") : own;
    }

    /** {@code outputs}: the fields of the node's result, each with one of the table's type words. */
    private static Map<String, String> outputs(Section s, ValueReader values) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> types = ContractTable.OUTPUT_TYPES;
        s.entry("outputs").flatMap(e -> values.mapping(e.value(), e.keyMark(), "outputs")).ifPresent(m -> {
            if (m.entries().isEmpty()) {
                values.problems().add(s.markOf("outputs"), "outputs", "expected at least one field like 'word_count: "
                        + "integer' (leave outputs out when the node does not declare them)");
            }
            for (YamlNode.Entry e : m.entries()) {
                String field = "outputs." + e.key();
                if (!KeyType.FieldTypes.FIELD.matcher(e.key()).matches()) {
                    values.problems().add(e.keyMark(), field, "expected a field name of letters, digits and '_' not "
                            + "starting with a digit, but was '" + e.key() + "'");
                    continue;
                }
                values.oneOf(e.value(), e.keyMark(), field, types).ifPresent(t -> out.put(e.key(), t));
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
