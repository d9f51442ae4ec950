package io.onex.runtime.config;

import static io.onex.runtime.config.ConfigTable.KAFKA_AUTO_OFFSET_RESET;
import static io.onex.runtime.config.ConfigTable.KAFKA_BOOTSTRAP_SERVERS;
import static io.onex.runtime.config.ConfigTable.KAFKA_COMPRESSION_TYPE;
import static io.onex.runtime.config.ConfigTable.ONEX_INSTANCE_ID;
import static io.onex.runtime.config.ConfigTable.ONEX_REMOTE_CALLS;
import static io.onex.runtime.config.ConfigTable.ONEX_REMOTE_REPLY_STORE;
import static io.onex.runtime.config.ConfigTable.KAFKA_CONSUMER_GROUP;
import static io.onex.runtime.config.ConfigTable.KAFKA_ENABLE_AUTO_COMMIT;
import static io.onex.runtime.config.ConfigTable.KAFKA_MAX_POLL_RECORDS;
import static io.onex.runtime.config.ConfigTable.KAFKA_SASL_MECHANISM;
import static io.onex.runtime.config.ConfigTable.KAFKA_SASL_PASSWORD;
import static io.onex.runtime.config.ConfigTable.KAFKA_SASL_USERNAME;
import static io.onex.runtime.config.ConfigTable.KAFKA_SECURITY_PROTOCOL;
import static io.onex.runtime.config.ConfigTable.KAFKA_SESSION_TIMEOUT_MS;
import static io.onex.runtime.config.ConfigTable.KAFKA_GROUP_PROTOCOL;
import static io.onex.runtime.config.ConfigTable.KAFKA_SSL_CA_LOCATION;
import static io.onex.runtime.config.ConfigTable.KAFKA_TOPIC_PREFIX;
import static io.onex.runtime.config.ConfigTable.ONEX_CREATE_TOPICS;
import static io.onex.runtime.config.ConfigTable.ONEX_DATABASE_PASSWORD;
import static io.onex.runtime.config.ConfigTable.ONEX_DATABASE_URL;
import static io.onex.runtime.config.ConfigTable.ONEX_DATABASE_USER;
import static io.onex.runtime.config.ConfigTable.ONEX_ENV;
import static io.onex.runtime.config.ConfigTable.ONEX_HTTP_PORT;
import static io.onex.runtime.config.ConfigTable.ONEX_SERVICE_NAME;
import static io.onex.runtime.config.ConfigTable.ONEX_TENANT;
import static io.onex.runtime.config.ConfigTable.ONEX_TOPIC_PARTITIONS;
import static io.onex.runtime.config.ConfigTable.ONEX_TOPIC_REPLICATION_FACTOR;

import io.onex.api.topic.TopicName;
import io.onex.runtime.lag.GroupHealthThresholds;
import io.onex.runtime.lag.LagWindow;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;

/**
 * The runtime's configuration: every setting of the {@link ConfigTable}, parsed and validated once, from the
 * environment. Immutable; {@link #toString()} never shows a secret.
 *
 * <pre>{@code
 * RuntimeConfig config = RuntimeConfig.fromEnvironment(System.getenv());
 * config.warnings().forEach(log::warn);
 * Map<String, Object> kafka = config.kafkaClientProperties();
 * }</pre>
 */
public final class RuntimeConfig {

    private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";

    private final Map<String, Object> values;
    private final List<String> warnings;

    private RuntimeConfig(Map<String, Object> values, List<String> warnings) {
        this.values = Collections.unmodifiableMap(new HashMap<>(values));
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Validates the whole table against an environment.
     *
     * @param environment the variables (usually {@code System.getenv()}); unknown ones are ignored, those within two
     *     edits of a known name are reported in {@link #warnings()}
     * @return the configuration
     * @throws ConfigException listing every invalid value and every broken rule between settings
     */
    public static RuntimeConfig fromEnvironment(Map<String, String> environment) {
        EnvironmentReader reader = new EnvironmentReader(Map.copyOf(environment));
        return new RuntimeConfig(reader.read(), reader.warnings());
    }

    /** Every default: embedded broker, {@code dev}, {@code omninode_bridge}, PLAINTEXT, HTTP on 8085. */
    public static RuntimeConfig defaults() {
        return fromEnvironment(Map.of());
    }

    /**
     * A copy pointing at other brokers (used once the embedded broker is up).
     *
     * @param servers {@code host:port[,host:port...]}
     * @return the copy
     * @throws ConfigException when the list is malformed
     */
    public RuntimeConfig withBootstrapServers(String servers) {
        Setting setting = ConfigTable.setting(KAFKA_BOOTSTRAP_SERVERS).orElseThrow();
        Map<String, Object> copy = new HashMap<>(values);
        try {
            copy.put(KAFKA_BOOTSTRAP_SERVERS, setting.parse(servers == null ? "" : servers));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of("Invalid value " + servers + " for configuration "
                    + KAFKA_BOOTSTRAP_SERVERS + ": " + e.getMessage()));
        }
        return new RuntimeConfig(copy, warnings);
    }

    /** {@code KAFKA_BOOTSTRAP_SERVERS}; empty means: start the embedded broker. */
    public Optional<String> bootstrapServers() {
        return Optional.ofNullable((String) values.get(KAFKA_BOOTSTRAP_SERVERS));
    }

    /** {@code KAFKA_TOPIC_PREFIX}; empty means no prefix. */
    public String topicPrefix() {
        return (String) values.get(KAFKA_TOPIC_PREFIX);
    }

    /** {@code KAFKA_CONSUMER_GROUP}: the group of consumers whose contract gives none (contracts default to their name). */
    public String consumerGroup() {
        return (String) values.get(KAFKA_CONSUMER_GROUP);
    }

    /** {@code KAFKA_AUTO_OFFSET_RESET}: {@code earliest} or {@code latest}. */
    public String autoOffsetReset() {
        return (String) values.get(KAFKA_AUTO_OFFSET_RESET);
    }

    /** {@code KAFKA_ENABLE_AUTO_COMMIT}, accepted and ignored: the runtime commits only records that are done. */
    public boolean enableAutoCommit() {
        return (Boolean) values.get(KAFKA_ENABLE_AUTO_COMMIT);
    }

    /** {@code KAFKA_MAX_POLL_RECORDS}, 1..10000. */
    public int maxPollRecords() {
        return (Integer) values.get(KAFKA_MAX_POLL_RECORDS);
    }

    /** {@code KAFKA_SESSION_TIMEOUT_MS}, 1000..300000. */
    public int sessionTimeoutMs() {
        return (Integer) values.get(KAFKA_SESSION_TIMEOUT_MS);
    }

    /** {@code KAFKA_GROUP_PROTOCOL}: classic or consumer (KIP-848). */
    public String groupProtocol() {
        return (String) values.get(KAFKA_GROUP_PROTOCOL);
    }

    /** {@code KAFKA_SECURITY_PROTOCOL}: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
    public String securityProtocol() {
        return (String) values.get(KAFKA_SECURITY_PROTOCOL);
    }

    /** {@code KAFKA_COMPRESSION_TYPE}: none, gzip, snappy, lz4 or zstd. */
    public String compressionType() {
        return (String) values.get(KAFKA_COMPRESSION_TYPE);
    }

    /** {@code KAFKA_PRODUCER_LINGER_MS}, 0..60000: linger.ms of the runtime's event producer. */
    public int producerLingerMs() {
        return (Integer) values.get(ConfigTable.KAFKA_PRODUCER_LINGER_MS);
    }

    /** {@code KAFKA_PRODUCER_BATCH_SIZE}, 0..1048576: batch.size of the runtime's event producer. */
    public int producerBatchSize() {
        return (Integer) values.get(ConfigTable.KAFKA_PRODUCER_BATCH_SIZE);
    }

    /** {@code ONEX_ENV}: dev, staging or prod. */
    public String env() {
        return (String) values.get(ONEX_ENV);
    }

    /** {@code ONEX_TENANT}, {@code [a-z0-9_]+}. */
    public String tenant() {
        return (String) values.get(ONEX_TENANT);
    }

    /** {@code ONEX_SERVICE_NAME}: the envelope's {@code source.service}. */
    public String serviceName() {
        return (String) values.get(ONEX_SERVICE_NAME);
    }

    /** {@code ONEX_INSTANCE_ID}; empty means a random id per start. */
    public Optional<String> instanceId() {
        return Optional.ofNullable((String) values.get(ONEX_INSTANCE_ID));
    }

    /** {@code ONEX_REMOTE_REPLY_STORE=topic}: whether a node's instances share their replies to remote calls. */
    public boolean sharedReplyStore() {
        return "topic".equals(values.get(ONEX_REMOTE_REPLY_STORE));
    }

    /** {@code ONEX_REMOTE_CALLS}: whether calls of nodes this runtime does not run go to other runtimes. */
    public boolean remoteCalls() {
        return (Boolean) values.get(ONEX_REMOTE_CALLS);
    }

    /** {@code ONEX_CREATE_TOPICS}; empty means: on with the embedded broker, off with a cluster. */
    public Optional<Boolean> createTopics() {
        return Optional.ofNullable((Boolean) values.get(ONEX_CREATE_TOPICS));
    }

    /** {@code ONEX_TOPIC_PARTITIONS}, 1..1000. */
    public int topicPartitions() {
        return (Integer) values.get(ONEX_TOPIC_PARTITIONS);
    }

    /** {@code ONEX_MAX_RECORD_BYTES}: the largest record value a node decodes. */
    public int maxRecordBytes() {
        return (Integer) values.get(ConfigTable.ONEX_MAX_RECORD_BYTES);
    }

    /** {@code ONEX_TOPIC_REPLICATION_FACTOR}, 1..32. */
    public short replicationFactor() {
        return ((Integer) values.get(ONEX_TOPIC_REPLICATION_FACTOR)).shortValue();
    }

    /** {@code ONEX_HTTP_PORT}: 0 = any free port, -1 = no HTTP server. */
    public int httpPort() {
        return (Integer) values.get(ONEX_HTTP_PORT);
    }

    /**
     * The runtime's default lag and DLQ-rate thresholds ({@code ONEX_LAG_WARNING}, {@code ONEX_LAG_CRITICAL},
     * {@code ONEX_DLQ_RATE_WARNING}); a contract's {@code health} section overrides them for its node's group.
     */
    public GroupHealthThresholds groupHealthThresholds() {
        return new GroupHealthThresholds((Integer) values.get(ConfigTable.ONEX_LAG_WARNING),
                (Integer) values.get(ConfigTable.ONEX_LAG_CRITICAL),
                Double.parseDouble((String) values.get(ConfigTable.ONEX_DLQ_RATE_WARNING)));
    }

    /** The lag window: {@code ONEX_LAG_SAMPLES} samples over {@code ONEX_LAG_WINDOW_SECONDS}. */
    public LagWindow lagWindow() {
        return new LagWindow((Integer) values.get(ConfigTable.ONEX_LAG_SAMPLES),
                Duration.ofSeconds((Integer) values.get(ConfigTable.ONEX_LAG_WINDOW_SECONDS)));
    }

    /** {@code ONEX_DASHBOARD_ACTIONS}: whether the dashboard may replay dead letters. */
    public boolean dashboardActions() {
        return (Boolean) values.get(ConfigTable.ONEX_DASHBOARD_ACTIONS);
    }

    /** {@code ONEX_DATABASE_URL}, a JDBC URL. */
    public Optional<String> databaseUrl() {
        return Optional.ofNullable((String) values.get(ONEX_DATABASE_URL));
    }

    /** {@code ONEX_DATABASE_USER}. */
    public Optional<String> databaseUser() {
        return Optional.ofNullable((String) values.get(ONEX_DATABASE_USER));
    }

    /** {@code ONEX_DATABASE_PASSWORD}. */
    public Optional<Secret> databasePassword() {
        return Optional.ofNullable((Secret) values.get(ONEX_DATABASE_PASSWORD));
    }

    /** Environment variables that look like misspelt settings, e.g. {@code KAFKA_MAX_POLL_RECORD}. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Resolves a topic as written in a contract or an outbound event ({@link TopicName#resolve}).
     *
     * @param topicOrRef a full name, an ONEX reference ({@code onex.evt.node-heartbeat.v1}) or another legal name
     * @return the full name, e.g. {@code dev.omninode_bridge.onex.evt.node-heartbeat.v1}
     * @throws IllegalArgumentException when the name is illegal
     */
    public String resolveTopic(String topicOrRef) {
        return TopicName.resolve(topicOrRef, env(), tenant());
    }

    /**
     * The properties every Kafka client (producer, consumer, admin) of the runtime shares: bootstrap servers when
     * set, security protocol, SASL mechanism and JAAS config, PEM trust store. The JAAS config is a Kafka
     * {@link Password}, whose {@code toString()} is hidden; still, never log this map.
     *
     * @return a new mutable map the caller may extend with client-specific properties
     */
    public Map<String, Object> kafkaClientProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        bootstrapServers().ifPresent(s -> p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, s));
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol());
        String mechanism = (String) values.get(KAFKA_SASL_MECHANISM);
        if (mechanism != null && securityProtocol().startsWith("SASL_")) {
            p.put(SaslConfigs.SASL_MECHANISM, mechanism);
            String module = mechanism.startsWith("SCRAM-") ? SCRAM_LOGIN : PLAIN_LOGIN;
            String user = (String) values.get(KAFKA_SASL_USERNAME);
            Secret password = (Secret) values.get(KAFKA_SASL_PASSWORD);
            p.put(SaslConfigs.SASL_JAAS_CONFIG, new Password(module + " required username=\"" + jaasQuoted(user)
                    + "\" password=\"" + jaasQuoted(password.reveal()) + "\";"));
        }
        String ca = (String) values.get(KAFKA_SSL_CA_LOCATION);
        if (ca != null) {
            p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, ca);
        }
        return p;
    }

    /** Every setting as {@code NAME=value}, secrets as {@code [hidden]}, passwords inside a database URL masked. */
    @Override
    public String toString() {
        StringJoiner s = new StringJoiner(", ", "RuntimeConfig{", "}");
        for (Setting setting : ConfigTable.settings()) {
            Object value = values.get(setting.name());
            String shown = value == null ? "(unset)" : value.toString();
            if (setting.name().equals(ONEX_DATABASE_URL) && value != null) {
                shown = shown.replaceAll("(?i)(password=)[^&;]*", "$1[hidden]");
            }
            s.add(setting.name() + "=" + shown);
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuntimeConfig c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** JAAS option values are double-quoted; a quote or backslash inside must be escaped. */
    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
