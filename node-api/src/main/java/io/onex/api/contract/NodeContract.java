package io.onex.api.contract;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's contract, loaded from YAML and validated.
 *
 * @param name contract name, {@code snake_case}, unique in a runtime (e.g. {@code kafka_event_effect})
 * @param version the node's semantic version
 * @param nodeType the node kind
 * @param description what the node does
 * @param implementation fully qualified class implementing the node
 * @param topics subscribed and published topics
 * @param resilience timeout, retry and circuit breaker
 * @param deadLetterEnabled whether final failures are routed to {@code <topic>.dlq}
 * @param heartbeatInterval interval of {@code node-heartbeat} broadcasts, at least 1 s
 * @param consumer consumer settings; present when the node subscribes to topics
 * @param config node-specific configuration, defaults applied
 * @param source the file it was loaded from, if any
 * @param topicSettings per topic reference (as written under {@code topics}): partitions, retention and payload
 *     schema from the contract's {@code topic_settings}; empty when it has none
 * @param outputs the fields the node's result holds, by name, with their type ({@code string}, {@code integer},
 *     {@code number}, {@code boolean}, {@code list}, {@code map}, {@code any}), from the contract's {@code outputs};
 *     empty when not declared, and then workflows reading the node's result are not checked against it
 * @param requestTopic the topic other runtimes send this node's call requests to ({@code remote.request_topic}: a
 *     full name or ONEX reference); empty for the default derived from the name,
 *     {@code onex.cmd.<node-name>-requested.v1}
 * @param producer the producer settings of the contract's {@code producer} section; empty parts take the runtime's
 *     settings, and a contract that gives none ({@link ProducerSpec#isEmpty()}) shares the runtime's producer
 * @param health the contract's own lag and DLQ-rate thresholds for its consumer group ({@code health}); what it
 *     leaves out, the runtime's defaults decide
 * @param servedElsewhere whether other runtimes run the node and this one only calls it ({@code remote.served:
 *     elsewhere}): the contract then gives the caller's resilience, dead-lettering and outputs for its remote calls,
 *     and {@code implementation} is empty
 */
public record NodeContract(
        String name,
        SemanticVersion version,
        NodeType nodeType,
        String description,
        String implementation,
        TopicsSpec topics,
        ResilienceSpec resilience,
        boolean deadLetterEnabled,
        Duration heartbeatInterval,
        Optional<ConsumerSpec> consumer,
        Map<String, Object> config,
        Optional<Path> source,
        Map<String, TopicSettings> topicSettings,
        Map<String, String> outputs,
        Optional<String> requestTopic,
        ProducerSpec producer,
        HealthSpec health,
        boolean servedElsewhere) {

    public NodeContract {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(nodeType, "nodeType");
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(resilience, "resilience");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        description = description == null ? "" : description;
        consumer = consumer == null ? Optional.empty() : consumer;
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        source = source == null ? Optional.empty() : source;
        topicSettings = topicSettings == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(topicSettings));
        outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        requestTopic = requestTopic == null ? Optional.empty() : requestTopic;
        producer = producer == null ? ProducerSpec.RUNTIME_DEFAULTS : producer;
        health = health == null ? HealthSpec.none() : health;
    }

    /** A contract with the runtime's health thresholds. */
    public NodeContract(String name, SemanticVersion version, NodeType nodeType, String description,
            String implementation, TopicsSpec topics, ResilienceSpec resilience, boolean deadLetterEnabled,
            Duration heartbeatInterval, Optional<ConsumerSpec> consumer, Map<String, Object> config,
            Optional<Path> source, Map<String, TopicSettings> topicSettings, Map<String, String> outputs,
            Optional<String> requestTopic, ProducerSpec producer) {
        this(name, version, nodeType, description, implementation, topics, resilience, deadLetterEnabled,
                heartbeatInterval, consumer, config, source, topicSettings, outputs, requestTopic, producer,
                HealthSpec.none(), false);
    }

    /** A contract whose node shares the runtime's producer (no {@code producer} section). */
    public NodeContract(String name, SemanticVersion version, NodeType nodeType, String description,
            String implementation, TopicsSpec topics, ResilienceSpec resilience, boolean deadLetterEnabled,
            Duration heartbeatInterval, Optional<ConsumerSpec> consumer, Map<String, Object> config,
            Optional<Path> source, Map<String, TopicSettings> topicSettings, Map<String, String> outputs,
            Optional<String> requestTopic, HealthSpec health) {
        this(name, version, nodeType, description, implementation, topics, resilience, deadLetterEnabled,
                heartbeatInterval, consumer, config, source, topicSettings, outputs, requestTopic,
                ProducerSpec.RUNTIME_DEFAULTS, health, false);
    }

    /** A contract whose node shares the runtime's producer, with the runtime's health thresholds. */
    public NodeContract(String name, SemanticVersion version, NodeType nodeType, String description,
            String implementation, TopicsSpec topics, ResilienceSpec resilience, boolean deadLetterEnabled,
            Duration heartbeatInterval, Optional<ConsumerSpec> consumer, Map<String, Object> config,
            Optional<Path> source, Map<String, TopicSettings> topicSettings, Map<String, String> outputs,
            Optional<String> requestTopic) {
        this(name, version, nodeType, description, implementation, topics, resilience, deadLetterEnabled,
                heartbeatInterval, consumer, config, source, topicSettings, outputs, requestTopic,
                ProducerSpec.RUNTIME_DEFAULTS, HealthSpec.none(), false);
    }

    /** A contract without declared {@code outputs} and with the default request topic. */
    public NodeContract(String name, SemanticVersion version, NodeType nodeType, String description,
            String implementation, TopicsSpec topics, ResilienceSpec resilience, boolean deadLetterEnabled,
            Duration heartbeatInterval, Optional<ConsumerSpec> consumer, Map<String, Object> config,
            Optional<Path> source, Map<String, TopicSettings> topicSettings) {
        this(name, version, nodeType, description, implementation, topics, resilience, deadLetterEnabled,
                heartbeatInterval, consumer, config, source, topicSettings, Map.of(), Optional.empty());
    }

    /** Whether the contract declares its output fields ({@code outputs:}); workflows are checked against them only then. */
    public boolean declaresOutputs() {
        return !outputs.isEmpty();
    }

    /** A contract without {@code topic_settings}. */
    public NodeContract(String name, SemanticVersion version, NodeType nodeType, String description,
            String implementation, TopicsSpec topics, ResilienceSpec resilience, boolean deadLetterEnabled,
            Duration heartbeatInterval, Optional<ConsumerSpec> consumer, Map<String, Object> config,
            Optional<Path> source) {
        this(name, version, nodeType, description, implementation, topics, resilience, deadLetterEnabled,
                heartbeatInterval, consumer, config, source, Map.of());
    }

    /** Whether the node consumes topics. */
    public boolean subscribes() {
        return !topics.subscribe().isEmpty();
    }

    /**
     * A builder of a contract in code (tests, services that embed their contract). Required: name, version, node
     * type, implementation; the rest defaults as in YAML only where the record does (no topics, the resilience
     * defaults, dead-lettering on, 30 s heartbeat, no consumer, no config, no source).
     *
     * <pre>{@code
     * NodeContract c = NodeContract.builder().name("greeting_effect").version(SemanticVersion.parse("1.0.0"))
     *         .nodeType(NodeType.EFFECT).implementation("com.example.GreetingEffect").build();
     * }</pre>
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this contract's values, to build a copy that differs in a few of them.
     *
     * <pre>{@code
     * NodeContract fast = contract.toBuilder().heartbeatInterval(Duration.ofSeconds(1)).build();
     * }</pre>
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.version = version;
        b.nodeType = nodeType;
        b.description = description;
        b.implementation = implementation;
        b.topics = topics;
        b.resilience = resilience;
        b.deadLetterEnabled = deadLetterEnabled;
        b.heartbeatInterval = heartbeatInterval;
        b.consumer = consumer;
        b.config = config;
        b.source = source;
        b.topicSettings = topicSettings;
        b.outputs = outputs;
        b.requestTopic = requestTopic;
        b.producer = producer;
        b.health = health;
        b.servedElsewhere = servedElsewhere;
        return b;
    }

    /** Builds a {@link NodeContract}; see {@link NodeContract#builder()} and {@link NodeContract#toBuilder()}. */
    public static final class Builder {
        private String name;
        private SemanticVersion version;
        private NodeType nodeType;
        private String description = "";
        private String implementation;
        private TopicsSpec topics = TopicsSpec.none();
        private ResilienceSpec resilience = ResilienceSpec.defaults();
        private boolean deadLetterEnabled = true;
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Optional<ConsumerSpec> consumer = Optional.empty();
        private Map<String, Object> config = Map.of();
        private Optional<Path> source = Optional.empty();
        private Map<String, TopicSettings> topicSettings = Map.of();
        private Map<String, String> outputs = Map.of();
        private Optional<String> requestTopic = Optional.empty();
        private ProducerSpec producer = ProducerSpec.RUNTIME_DEFAULTS;
        private HealthSpec health = HealthSpec.none();
        private boolean servedElsewhere;

        private Builder() {
        }

        /** @param name contract name, {@code snake_case} */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** @param version the node's semantic version */
        public Builder version(SemanticVersion version) {
            this.version = version;
            return this;
        }

        /** @param nodeType the node kind */
        public Builder nodeType(NodeType nodeType) {
            this.nodeType = nodeType;
            return this;
        }

        /** @param description what the node does */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** @param implementation fully qualified class implementing the node; it must suit the node type */
        public Builder implementation(String implementation) {
            this.implementation = implementation;
            return this;
        }

        /** @param topics subscribed and published topics */
        public Builder topics(TopicsSpec topics) {
            this.topics = topics;
            return this;
        }

        /** @param resilience timeout, retry and circuit breaker */
        public Builder resilience(ResilienceSpec resilience) {
            this.resilience = resilience;
            return this;
        }

        /** @param deadLetterEnabled whether final failures are routed to {@code <topic>.dlq} */
        public Builder deadLetterEnabled(boolean deadLetterEnabled) {
            this.deadLetterEnabled = deadLetterEnabled;
            return this;
        }

        /** @param heartbeatInterval interval of {@code node-heartbeat} broadcasts */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        /** @param consumer consumer settings (a consumer group of its own, say) */
        public Builder consumer(ConsumerSpec consumer) {
            this.consumer = Optional.of(consumer);
            return this;
        }

        /** @param consumer consumer settings, or empty for a node that does not subscribe */
        public Builder consumer(Optional<ConsumerSpec> consumer) {
            this.consumer = consumer;
            return this;
        }

        /** @param config node-specific configuration */
        public Builder config(Map<String, Object> config) {
            this.config = config;
            return this;
        }

        /** @param source the file the contract was loaded from */
        public Builder source(Path source) {
            this.source = Optional.of(source);
            return this;
        }

        /** @param source the file the contract was loaded from, or empty */
        public Builder source(Optional<Path> source) {
            this.source = source;
            return this;
        }

        /** @param topicSettings per topic reference: partitions, retention and payload schema */
        public Builder topicSettings(Map<String, TopicSettings> topicSettings) {
            this.topicSettings = topicSettings;
            return this;
        }

        /**
         * @param outputs the fields the node's result holds, by name, with their type ({@code integer}, {@code list},
         *        ...); empty when not declared
         */
        public Builder outputs(Map<String, String> outputs) {
            this.outputs = outputs;
            return this;
        }

        /** @param requestTopic the topic of call requests from other runtimes; null for the default */
        public Builder requestTopic(String requestTopic) {
            this.requestTopic = Optional.ofNullable(requestTopic);
            return this;
        }

        /** @param producer the node's producer settings; {@link ProducerSpec#RUNTIME_DEFAULTS} to share the runtime's */
        public Builder producer(ProducerSpec producer) {
            this.producer = producer;
            return this;
        }

        /** @param health the contract's own consumer-group health thresholds */
        public Builder health(HealthSpec health) {
            this.health = health;
            return this;
        }

        /**
         * @param servedElsewhere whether other runtimes run the node and this one only calls it (no implementation
         *        needed)
         */
        public Builder servedElsewhere(boolean servedElsewhere) {
            this.servedElsewhere = servedElsewhere;
            return this;
        }

        /**
         * @return the contract
         * @throws NullPointerException naming the first required value not given
         */
        public NodeContract build() {
            return new NodeContract(name, version, nodeType, description, implementation, topics, resilience,
                    deadLetterEnabled, heartbeatInterval, consumer, config, source, topicSettings, outputs,
                    requestTopic, producer, health, servedElsewhere);
        }
    }
}
