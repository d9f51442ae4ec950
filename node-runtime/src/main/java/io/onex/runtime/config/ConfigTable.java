package io.onex.runtime.config;

import static io.onex.runtime.config.SettingValidator.between;
import static io.onex.runtime.config.SettingValidator.matching;
import static io.onex.runtime.config.SettingValidator.oneOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every environment variable the runtime reads, declared once (like kafka-clients' {@code ConfigDef}): name, type,
 * default, allowed values, doc, and whether it is secret. {@link RuntimeConfig#fromEnvironment} validates against
 * it; {@link #markdown()} renders the table of docs/configuration.md (ConfigTableFilesTest) and {@link #helpText()} the CLI's {@code --help} section.
 *
 * <p>Names and ranges follow the Python ONEX services (see WIRE.md). A blank value counts as unset.
 */
public final class ConfigTable {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String KAFKA_TOPIC_PREFIX = "KAFKA_TOPIC_PREFIX";
    public static final String KAFKA_CONSUMER_GROUP = "KAFKA_CONSUMER_GROUP";
    public static final String KAFKA_AUTO_OFFSET_RESET = "KAFKA_AUTO_OFFSET_RESET";
    public static final String KAFKA_ENABLE_AUTO_COMMIT = "KAFKA_ENABLE_AUTO_COMMIT";
    public static final String KAFKA_MAX_POLL_RECORDS = "KAFKA_MAX_POLL_RECORDS";
    public static final String KAFKA_SESSION_TIMEOUT_MS = "KAFKA_SESSION_TIMEOUT_MS";
    public static final String KAFKA_GROUP_PROTOCOL = "KAFKA_GROUP_PROTOCOL";
    public static final String KAFKA_SECURITY_PROTOCOL = "KAFKA_SECURITY_PROTOCOL";
    public static final String KAFKA_SASL_MECHANISM = "KAFKA_SASL_MECHANISM";
    public static final String KAFKA_SASL_USERNAME = "KAFKA_SASL_USERNAME";
    public static final String KAFKA_SASL_PASSWORD = "KAFKA_SASL_PASSWORD";
    public static final String KAFKA_SSL_CA_LOCATION = "KAFKA_SSL_CA_LOCATION";
    public static final String KAFKA_COMPRESSION_TYPE = "KAFKA_COMPRESSION_TYPE";
    public static final String KAFKA_PRODUCER_LINGER_MS = "KAFKA_PRODUCER_LINGER_MS";
    public static final String KAFKA_PRODUCER_BATCH_SIZE = "KAFKA_PRODUCER_BATCH_SIZE";
    public static final String ONEX_ENV = "ONEX_ENV";
    public static final String ONEX_TENANT = "ONEX_TENANT";
    public static final String ONEX_SERVICE_NAME = "ONEX_SERVICE_NAME";
    public static final String ONEX_INSTANCE_ID = "ONEX_INSTANCE_ID";
    public static final String ONEX_CREATE_TOPICS = "ONEX_CREATE_TOPICS";
    public static final String ONEX_TOPIC_PARTITIONS = "ONEX_TOPIC_PARTITIONS";
    public static final String ONEX_REMOTE_CALLS = "ONEX_REMOTE_CALLS";
    public static final String ONEX_REMOTE_REPLY_STORE = "ONEX_REMOTE_REPLY_STORE";
    public static final String ONEX_TOPIC_REPLICATION_FACTOR = "ONEX_TOPIC_REPLICATION_FACTOR";
    public static final String ONEX_HTTP_PORT = "ONEX_HTTP_PORT";
    public static final String ONEX_MAX_RECORD_BYTES = "ONEX_MAX_RECORD_BYTES";
    public static final String ONEX_LAG_WARNING = "ONEX_LAG_WARNING";
    public static final String ONEX_LAG_CRITICAL = "ONEX_LAG_CRITICAL";
    public static final String ONEX_DLQ_RATE_WARNING = "ONEX_DLQ_RATE_WARNING";
    public static final String ONEX_LAG_WINDOW_SECONDS = "ONEX_LAG_WINDOW_SECONDS";
    public static final String ONEX_LAG_SAMPLES = "ONEX_LAG_SAMPLES";
    public static final String ONEX_DASHBOARD_ACTIONS = "ONEX_DASHBOARD_ACTIONS";
    public static final String ONEX_DATABASE_URL = "ONEX_DATABASE_URL";
    public static final String ONEX_DATABASE_USER = "ONEX_DATABASE_USER";
    public static final String ONEX_DATABASE_PASSWORD = "ONEX_DATABASE_PASSWORD";

    private static final String NONE = "(none)";

    private static final List<Setting> SETTINGS = List.of(
            string(KAFKA_BOOTSTRAP_SERVERS, null, "(none: start the embedded broker)",
                    matching("([A-Z_]+://)?(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):[0-9]{1,5}"
                                    + "(\\s*,\\s*([A-Z_]+://)?(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):[0-9]{1,5})*",
                            "host:port[,host:port...]"),
                    "Kafka bootstrap servers. Unset: the runtime starts an embedded single-node broker."),
            string(KAFKA_TOPIC_PREFIX, "", "(empty)", matching("[a-zA-Z0-9._-]*", "[a-zA-Z0-9._-]*"),
                    "Prefix the Kafka event effect node puts before its topics as {prefix}.{topic} "
                            + "(e.g. dev.archon-intelligence). Empty: no prefix."),
            string(KAFKA_CONSUMER_GROUP, "onex", "(unset: the contract name)",
                    matching("[A-Za-z0-9._-]{1,249}", "[A-Za-z0-9._-]{1,249}"),
                    "Consumer group of the subscribing node whose contract gives no consumer.group_id, when it is "
                            + "the only such node among the contracts loaded together; with several, each keeps its "
                            + "contract name as its group, so that they do not split each other's partitions (see "
                            + "docs/contract-reference.md)."),
            string(KAFKA_AUTO_OFFSET_RESET, "earliest", "earliest", oneOf("earliest", "latest"),
                    "Where a consumer group without committed offsets starts: the fallback of consumer."
                            + "auto_offset_reset for contracts that do not give it."),
            new Setting(KAFKA_ENABLE_AUTO_COMMIT, Setting.Type.BOOLEAN, false, "false", null,
                    "Accepted for compatibility with the Python services and ignored: the runtime commits only "
                            + "records that are done (processed or dead-lettered).", false),
            integer(KAFKA_MAX_POLL_RECORDS, 500, between(1, 10_000), "Maximum records returned by one poll: the "
                    + "fallback of consumer.max_poll_records for contracts that do not give it."),
            integer(KAFKA_SESSION_TIMEOUT_MS, 6_000, between(1_000, 300_000),
                    "Consumer session timeout in milliseconds (classic group protocol; heartbeats every fifth of "
                            + "it): how long the partitions of an instance that died without leaving the group "
                            + "wait before the others take them over. 6000 is the broker's default minimum."),
            string(KAFKA_GROUP_PROTOCOL, "classic", "classic", oneOf("classic", "consumer"),
                    "Consumer group protocol: classic (session timeout set by KAFKA_SESSION_TIMEOUT_MS, cooperative "
                            + "sticky assignment) or consumer (KIP-848: the broker assigns, and its "
                            + "group.consumer.session.timeout.ms, 45 s by default, replaces "
                            + "KAFKA_SESSION_TIMEOUT_MS). With ONEX_INSTANCE_ID set, every node's consumer is a "
                            + "static member (group.instance.id = its node id) under either."),
            string(KAFKA_SECURITY_PROTOCOL, "PLAINTEXT", "PLAINTEXT",
                    oneOf("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"),
                    "Protocol to the brokers. SASL_* needs KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and "
                            + "KAFKA_SASL_PASSWORD."),
            string(KAFKA_SASL_MECHANISM, null, NONE, oneOf("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"),
                    "SASL mechanism; only with KAFKA_SECURITY_PROTOCOL SASL_PLAINTEXT or SASL_SSL."),
            string(KAFKA_SASL_USERNAME, null, NONE, null, "SASL user name."),
            new Setting(KAFKA_SASL_PASSWORD, Setting.Type.STRING, null, NONE, null,
                    "SASL password. Secret: never shown in logs or messages.", true),
            string(KAFKA_SSL_CA_LOCATION, null, NONE, SettingValidator.readableFile(),
                    "PEM file of the CA certificates that signed the brokers' certificates; only with SSL or "
                            + "SASL_SSL. Unset: the JVM's trust store."),
            string(KAFKA_COMPRESSION_TYPE, "lz4", "lz4", oneOf("none", "gzip", "snappy", "lz4", "zstd"),
                    "Compression of the event producer's batches and of the topics the runtime creates, but for "
                            + "its request and reply topics. Requests, replies, introspection and heartbeats are sent "
                            + "uncompressed (one small record a batch), and request and reply topics keep them so."),
            integer(KAFKA_PRODUCER_LINGER_MS, 5, between(0, 60_000),
                    "linger.ms of the runtime's event producer (events, dead letters, workflow events; a contract's "
                            + "producer.linger_ms overrides it for its node): how long a batch waits for more records. "
                            + "5 is Kafka's own default. Requests, replies, introspection and heartbeats go through a "
                            + "producer of their own with linger 0, since a caller waits on them."),
            integer(KAFKA_PRODUCER_BATCH_SIZE, 65_536, between(0, 1_048_576),
                    "batch.size in bytes of the runtime's event producer (a contract's producer.batch_size "
                            + "overrides it for its node); 0 turns batching off."),
            string(ONEX_ENV, "dev", "dev", oneOf("dev", "staging", "prod"),
                    "Environment: first segment of ONEX topic names."),
            string(ONEX_TENANT, "omninode_bridge", "omninode_bridge", matching("[a-z0-9_]+", "[a-z0-9_]+"),
                    "Tenant: second segment of ONEX topic names."),
            string(ONEX_SERVICE_NAME, "omninode_bridge", "omninode_bridge",
                    matching("[A-Za-z0-9._-]+", "[A-Za-z0-9._-]+"),
                    "Service name written to every envelope's source.service."),
            string(ONEX_INSTANCE_ID, null, "(random per start)", matching("[a-z0-9-]{1,40}", "[a-z0-9-]{1,40}"),
                    "Instance id: node ids are <contract name>-<instance id>. Set it (to the host or pod name, say)"
                    + " so that a restarted node keeps its node id and the registry sees it return."),
            new Setting(ONEX_CREATE_TOPICS, Setting.Type.BOOLEAN, null,
                    "(on with the embedded broker, off with a cluster)", null,
                    "Whether the runtime creates the topics (and .dlq topics) its nodes use.", false),
            integer(ONEX_TOPIC_PARTITIONS, 3, between(1, 1000), "Partitions of topics the runtime creates."),
            new Setting(ONEX_REMOTE_CALLS, Setting.Type.BOOLEAN, true, "true", null,
                    "Whether a call of a node this runtime does not run goes to a live instance in another runtime "
                            + "(docs/remote-calls.md); false: it fails as unknown. Requests to this runtime's own "
                            + "nodes are served either way.", false),
            string(ONEX_REMOTE_REPLY_STORE, "process", "process", oneOf("process", "topic"),
                    "Where a node keeps its replies to remote calls for 10 minutes, to answer a redelivered request "
                            + "without running the node again: process (each instance its own) or topic (shared by "
                            + "every instance through onex.evt.node-call-replies.v1, so that a request redelivered "
                            + "to another instance after a crash is answered too; one more write per call)."),
            integer(ONEX_TOPIC_REPLICATION_FACTOR, 1, between(1, 32),
                    "Replication factor of topics the runtime creates."),
            integer(ONEX_MAX_RECORD_BYTES, 1_048_576, between(1_024, 104_857_600),
                    "Largest record value (bytes) a node decodes; a larger record is refused unread and dead-lettered "
                            + "with its size. 1 MiB is also the brokers' default record limit (message.max.bytes): "
                            + "raise both together."),
            integer(ONEX_HTTP_PORT, 8085, between(-1, 65_535),
                    "Port of the /health and /metrics HTTP server; 0 = any free port, -1 = no HTTP server."),
            integer(ONEX_LAG_WARNING, 1_000, between(0, 1_000_000_000), "Total lag of a node's consumer group "
                    + "above which /health and heartbeats say degraded (verdict warning): the default of the "
                    + "contract key health.lag_warning (docs/operating.md)."),
            integer(ONEX_LAG_CRITICAL, 5_000, between(0, 1_000_000_000), "Total lag above which the group is "
                    + "critical (unhealthy), unless it shrinks over the window (catching up: a warning); at least "
                    + "ONEX_LAG_WARNING. The default of health.lag_critical."),
            string(ONEX_DLQ_RATE_WARNING, "0.01", "0.01", matching("0(\\.[0-9]+)?|1(\\.0+)?|\\.[0-9]+",
                    "a share between 0 and 1"), "Share of a group's consumed records dead-lettered over the window "
                    + "above which it is a warning (0.01 = 1%). The default of health.dlq_rate_warning."),
            integer(ONEX_LAG_WINDOW_SECONDS, 300, between(2, 86_400), "How long the lag window covers: the runtime "
                    + "samples its consumer groups every window / ONEX_LAG_SAMPLES, and a committed offset that "
                    + "stands still with lag over a full window is a stall."),
            integer(ONEX_LAG_SAMPLES, 10, between(2, 1_000), "Samples in the lag window."),
            new Setting(ONEX_DASHBOARD_ACTIONS, Setting.Type.BOOLEAN, false, "false", null,
                    "Whether the dashboard served at / on the HTTP port may act (replay a dead letter, behind a "
                            + "confirmation); false: it only shows (docs/dashboard.md).", false),
            string(ONEX_DATABASE_URL, null, NONE, matching("jdbc:[A-Za-z0-9]+:.+", "jdbc:<driver>:..."),
                    "JDBC URL of the PostgreSQL database of the database adapter node. Put the password in "
                            + "ONEX_DATABASE_PASSWORD, not in the URL."),
            string(ONEX_DATABASE_USER, null, NONE, null, "Database user; needs ONEX_DATABASE_URL."),
            new Setting(ONEX_DATABASE_PASSWORD, Setting.Type.STRING, null, NONE, null,
                    "Database password; needs ONEX_DATABASE_URL. Secret: never shown in logs or messages.", true));

    private ConfigTable() {
    }

    /** Every setting, in table order. */
    public static List<Setting> settings() {
        return SETTINGS;
    }

    /** The setting of an environment variable, if it is one of ours. */
    public static Optional<Setting> setting(String name) {
        return SETTINGS.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The table as Markdown, for docs/configuration.md: variable | type | default | range | description. */
    public static String markdown() {
        StringBuilder s = new StringBuilder("| Variable | Type | Default | Range | Description |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        for (Setting setting : SETTINGS) {
            s.append("| `").append(setting.name()).append("` | ").append(setting.type().label())
                    .append(" | ").append(cell(setting.defaultText()))
                    .append(" | ").append(cell(setting.validator().describe()))
                    .append(" | ").append(setting.doc().replace("|", "\\|")).append(" |\n");
        }
        return s.toString();
    }

    /** The table as plain text, for {@code --help}. */
    public static String helpText() {
        List<String> lines = new ArrayList<>();
        lines.add("Environment variables:");
        for (Setting setting : SETTINGS) {
            StringBuilder head = new StringBuilder("  ").append(setting.name()).append(" (").append(setting.type().label());
            if (!setting.validator().describe().isEmpty()) {
                head.append(": ").append(setting.validator().describe());
            }
            head.append("; default ").append(setting.defaultText()).append(')');
            lines.add(head.toString());
            lines.add("      " + setting.doc());
        }
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    private static String cell(String text) {
        if (text.isEmpty() || text.startsWith("(")) {
            return text.replace("|", "\\|");
        }
        return "`" + text.replace("|", "\\|") + "`";
    }

    private static Setting string(String name, String defaultValue, String defaultText, SettingValidator validator,
            String doc) {
        return new Setting(name, Setting.Type.STRING, defaultValue, defaultText, validator, doc, false);
    }

    private static Setting integer(String name, int defaultValue, SettingValidator validator, String doc) {
        return new Setting(name, Setting.Type.INT, defaultValue, Integer.toString(defaultValue), validator, doc, false);
    }
}
