package io.onex.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuntimeConfigTest {

    @Test
    void defaultsMatchTheTable() {
        RuntimeConfig c = RuntimeConfig.defaults();

        assertThat(c.bootstrapServers()).isEmpty();
        assertThat(c.topicPrefix()).isEmpty();
        assertThat(c.consumerGroup()).isEqualTo("onex");
        assertThat(c.autoOffsetReset()).isEqualTo("earliest");
        assertThat(c.enableAutoCommit()).isFalse();
        assertThat(c.maxPollRecords()).isEqualTo(500);
        assertThat(c.sessionTimeoutMs()).isEqualTo(6_000);
        assertThat(c.groupProtocol()).isEqualTo("classic");
        assertThat(c.securityProtocol()).isEqualTo("PLAINTEXT");
        assertThat(c.compressionType()).isEqualTo("lz4");
        assertThat(c.env()).isEqualTo("dev");
        assertThat(c.tenant()).isEqualTo("omninode_bridge");
        assertThat(c.serviceName()).isEqualTo("omninode_bridge");
        assertThat(c.createTopics()).isEmpty();
        assertThat(c.topicPartitions()).isEqualTo(3);
        assertThat(c.replicationFactor()).isEqualTo((short) 1);
        assertThat(c.httpPort()).isEqualTo(8085);
        assertThat(c.databaseUrl()).isEmpty();
        assertThat(c.databaseUser()).isEmpty();
        assertThat(c.databasePassword()).isEmpty();
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void readsEveryValueFromTheEnvironment() {
        RuntimeConfig c = RuntimeConfig.fromEnvironment(Map.ofEntries(
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092, broker-2:9092"),
                Map.entry("KAFKA_TOPIC_PREFIX", "dev.archon-intelligence"),
                Map.entry("KAFKA_CONSUMER_GROUP", "archon-intelligence"),
                Map.entry("KAFKA_AUTO_OFFSET_RESET", "latest"),
                Map.entry("KAFKA_ENABLE_AUTO_COMMIT", "true"),
                Map.entry("KAFKA_MAX_POLL_RECORDS", "1000"),
                Map.entry("KAFKA_SESSION_TIMEOUT_MS", "45000"),
                Map.entry("KAFKA_COMPRESSION_TYPE", "zstd"),
                Map.entry("ONEX_ENV", "prod"),
                Map.entry("ONEX_TENANT", "acme"),
                Map.entry("ONEX_SERVICE_NAME", "bridge-java"),
                Map.entry("ONEX_CREATE_TOPICS", "no"),
                Map.entry("ONEX_TOPIC_PARTITIONS", "12"),
                Map.entry("ONEX_TOPIC_REPLICATION_FACTOR", "3"),
                Map.entry("ONEX_HTTP_PORT", "-1"),
                Map.entry("ONEX_DATABASE_URL", "jdbc:postgresql://db:5432/bridge"),
                Map.entry("ONEX_DATABASE_USER", "bridge"),
                Map.entry("ONEX_DATABASE_PASSWORD", "s3cret")));

        assertThat(c.bootstrapServers()).contains("broker-1:9092, broker-2:9092");
        assertThat(c.topicPrefix()).isEqualTo("dev.archon-intelligence");
        assertThat(c.consumerGroup()).isEqualTo("archon-intelligence");
        assertThat(c.autoOffsetReset()).isEqualTo("latest");
        assertThat(c.enableAutoCommit()).isTrue();
        assertThat(c.maxPollRecords()).isEqualTo(1000);
        assertThat(c.sessionTimeoutMs()).isEqualTo(45_000);
        assertThat(c.compressionType()).isEqualTo("zstd");
        assertThat(c.createTopics()).contains(false);
        assertThat(c.topicPartitions()).isEqualTo(12);
        assertThat(c.replicationFactor()).isEqualTo((short) 3);
        assertThat(c.httpPort()).isEqualTo(-1);
        assertThat(c.databaseUser()).contains("bridge");
        assertThat(c.databasePassword()).hasValueSatisfying(p -> assertThat(p.reveal()).isEqualTo("s3cret"));
        assertThat(c.resolveTopic("onex.evt.node-heartbeat.v1")).isEqualTo("prod.acme.onex.evt.node-heartbeat.v1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "KAFKA_MAX_POLL_RECORDS;0;Invalid value 0 for configuration KAFKA_MAX_POLL_RECORDS: must be between 1 and 10000",
            "KAFKA_MAX_POLL_RECORDS;10001;Invalid value 10001 for configuration KAFKA_MAX_POLL_RECORDS: must be between 1 and 10000",
            "KAFKA_MAX_POLL_RECORDS;many;Invalid value many for configuration KAFKA_MAX_POLL_RECORDS: must be an integer between 1 and 10000",
            "KAFKA_SESSION_TIMEOUT_MS;999;Invalid value 999 for configuration KAFKA_SESSION_TIMEOUT_MS: must be between 1000 and 300000",
            "KAFKA_SESSION_TIMEOUT_MS;300001;Invalid value 300001 for configuration KAFKA_SESSION_TIMEOUT_MS: must be between 1000 and 300000",
            "ONEX_TOPIC_PARTITIONS;0;Invalid value 0 for configuration ONEX_TOPIC_PARTITIONS: must be between 1 and 1000",
            "ONEX_TOPIC_REPLICATION_FACTOR;33;Invalid value 33 for configuration ONEX_TOPIC_REPLICATION_FACTOR: must be between 1 and 32",
            "ONEX_HTTP_PORT;-2;Invalid value -2 for configuration ONEX_HTTP_PORT: must be between -1 and 65535",
            "ONEX_MAX_RECORD_BYTES;1023;Invalid value 1023 for configuration ONEX_MAX_RECORD_BYTES: must be between 1024 and 104857600",
            "ONEX_MAX_RECORD_BYTES;104857601;Invalid value 104857601 for configuration ONEX_MAX_RECORD_BYTES: must be between 1024 and 104857600",
            "ONEX_HTTP_PORT;65536;Invalid value 65536 for configuration ONEX_HTTP_PORT: must be between -1 and 65535",
            "KAFKA_AUTO_OFFSET_RESET;newest;Invalid value newest for configuration KAFKA_AUTO_OFFSET_RESET: must be one of earliest, latest",
            "KAFKA_SECURITY_PROTOCOL;TLS;Invalid value TLS for configuration KAFKA_SECURITY_PROTOCOL: must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL",
            "KAFKA_COMPRESSION_TYPE;brotli;Invalid value brotli for configuration KAFKA_COMPRESSION_TYPE: must be one of none, gzip, snappy, lz4, zstd",
            "KAFKA_ENABLE_AUTO_COMMIT;sometimes;Invalid value sometimes for configuration KAFKA_ENABLE_AUTO_COMMIT: must be true or false",
            "ONEX_ENV;production;Invalid value production for configuration ONEX_ENV: must be one of dev, staging, prod",
            "ONEX_TENANT;Acme-Corp;Invalid value Acme-Corp for configuration ONEX_TENANT: must match [a-z0-9_]+",
            "KAFKA_BOOTSTRAP_SERVERS;localhost;Invalid value localhost for configuration KAFKA_BOOTSTRAP_SERVERS: must match host:port[,host:port...]",
            "ONEX_DATABASE_URL;postgres://db/bridge;Invalid value postgres://db/bridge for configuration ONEX_DATABASE_URL: must match jdbc:<driver>:...",
            "KAFKA_SSL_CA_LOCATION;/no/such/ca.pem;Invalid value /no/such/ca.pem for configuration KAFKA_SSL_CA_LOCATION: must be a readable file, but no such file can be read",
    })
    void pinsTheMessageOfEachInvalidValue(String variable, String value, String message) {
        Map<String, String> env = variable.equals("KAFKA_SSL_CA_LOCATION")
                ? Map.of(variable, value, "KAFKA_SECURITY_PROTOCOL", "SSL") : Map.of(variable, value);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> RuntimeConfig.fromEnvironment(env));

        assertThat(e.problems()).containsExactly(message);
        assertThat(e.getMessage()).isEqualTo("1 configuration error:\n  1) " + message);
    }

    @Test
    void reportsEveryProblemTogether() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> RuntimeConfig.fromEnvironment(Map.of(
                "KAFKA_MAX_POLL_RECORDS", "0",
                "ONEX_ENV", "qa",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_USERNAME", "alice",
                "ONEX_DATABASE_USER", "bridge")));

        assertThat(e.getMessage()).isEqualTo("""
                4 configuration errors:
                  1) Invalid value 0 for configuration KAFKA_MAX_POLL_RECORDS: must be between 1 and 10000
                  2) Invalid value qa for configuration ONEX_ENV: must be one of dev, staging, prod
                  3) Invalid value SASL_SSL for configuration KAFKA_SECURITY_PROTOCOL: SASL needs \
                KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD, but KAFKA_SASL_MECHANISM, \
                KAFKA_SASL_PASSWORD are not set
                  4) Invalid value bridge for configuration ONEX_DATABASE_USER: needs ONEX_DATABASE_URL, which is not set""");
    }

    @Test
    void rejectsSaslSettingsWithoutASaslProtocolAndHidesThePassword() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> RuntimeConfig.fromEnvironment(Map.of(
                "KAFKA_SASL_USERNAME", "alice",
                "KAFKA_SASL_PASSWORD", "hunter2")));

        assertThat(e.problems()).containsExactly(
                "Invalid value alice for configuration KAFKA_SASL_USERNAME: used only when KAFKA_SECURITY_PROTOCOL "
                        + "is SASL_PLAINTEXT or SASL_SSL, but it is PLAINTEXT",
                "Invalid value [hidden] for configuration KAFKA_SASL_PASSWORD: used only when "
                        + "KAFKA_SECURITY_PROTOCOL is SASL_PLAINTEXT or SASL_SSL, but it is PLAINTEXT");
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void rejectsACaFileWithoutSsl(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");

        assertThatThrownBy(() -> RuntimeConfig.fromEnvironment(Map.of("KAFKA_SSL_CA_LOCATION", ca.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("for configuration KAFKA_SSL_CA_LOCATION: used only when "
                        + "KAFKA_SECURITY_PROTOCOL is SSL or SASL_SSL, but it is PLAINTEXT");
    }

    @Test
    void neverShowsSecretsInToString() {
        RuntimeConfig c = RuntimeConfig.fromEnvironment(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_USERNAME", "alice",
                "KAFKA_SASL_PASSWORD", "hunter2",
                "ONEX_DATABASE_URL", "jdbc:postgresql://db/bridge?user=x&password=pw-in-url",
                "ONEX_DATABASE_PASSWORD", "db-secret"));

        assertThat(c.toString())
                .contains("KAFKA_SASL_USERNAME=alice", "KAFKA_SASL_PASSWORD=[hidden]", "ONEX_DATABASE_PASSWORD=[hidden]",
                        "ONEX_DATABASE_URL=jdbc:postgresql://db/bridge?user=x&password=[hidden]")
                .doesNotContain("hunter2", "db-secret", "pw-in-url");
        assertThat(c.databasePassword().orElseThrow()).hasToString("[hidden]");
        assertThat(c.kafkaClientProperties().toString()).doesNotContain("hunter2");
    }

    @Test
    void buildsScramClientPropertiesForSaslSsl(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        RuntimeConfig c = RuntimeConfig.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka.example.com:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-256",
                "KAFKA_SASL_USERNAME", "archon-intelligence",
                "KAFKA_SASL_PASSWORD", "pa\"ss\\word",
                "KAFKA_SSL_CA_LOCATION", ca.toString()));

        Map<String, Object> p = c.kafkaClientProperties();

        assertThat(p).containsOnlyKeys("bootstrap.servers", "security.protocol", "sasl.mechanism", "sasl.jaas.config",
                "ssl.truststore.type", "ssl.truststore.location");
        assertThat(p).containsEntry("bootstrap.servers", "kafka.example.com:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", ca.toString());
        assertThat(((Password) p.get("sasl.jaas.config")).value()).isEqualTo(
                "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"archon-intelligence\" password=\"pa\\\"ss\\\\word\";");
    }

    @Test
    void buildsPlainLoginForSaslPlain() {
        RuntimeConfig c = RuntimeConfig.fromEnvironment(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_USERNAME", "alice",
                "KAFKA_SASL_PASSWORD", "pw"));

        assertThat(((Password) c.kafkaClientProperties().get("sasl.jaas.config")).value()).isEqualTo(
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\" password=\"pw\";");
    }

    @Test
    void buildsOnlyTheProtocolForPlaintextWithoutServers() {
        assertThat(RuntimeConfig.defaults().kafkaClientProperties())
                .containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void pointsACopyAtTheEmbeddedBroker() {
        RuntimeConfig defaults = RuntimeConfig.defaults();

        RuntimeConfig started = defaults.withBootstrapServers("localhost:41234");

        assertThat(started.bootstrapServers()).contains("localhost:41234");
        assertThat(started.kafkaClientProperties()).containsEntry("bootstrap.servers", "localhost:41234");
        assertThat(defaults.bootstrapServers()).isEmpty();
        assertThatThrownBy(() -> defaults.withBootstrapServers("no-port"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("1 configuration error:\n  1) Invalid value no-port for configuration "
                        + "KAFKA_BOOTSTRAP_SERVERS: must match host:port[,host:port...]");
    }

    @Test
    void treatsBlankValuesAsUnset() {
        RuntimeConfig c = RuntimeConfig.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "", "KAFKA_MAX_POLL_RECORDS",
                "  "));

        assertThat(c.bootstrapServers()).isEmpty();
        assertThat(c.maxPollRecords()).isEqualTo(500);
    }

    @Test
    void warnsAboutLikelyTyposButNotAboutOtherVariablesSharingThePrefix() {
        RuntimeConfig c = RuntimeConfig.fromEnvironment(Map.of(
                "KAFKA_MAX_POLL_RECORD", "1000",
                "KAFAK_TOPIC_PREFIX", "x",
                "onex_env", "prod",
                "KAFKA_CODEGEN_ANALYZE_REQUEST", "omninode.codegen.request.analyze.v1",
                "ONEX_LOG_LEVEL", "debug",
                "PATH", "/usr/bin"));

        assertThat(c.warnings()).containsExactly(
                "Unknown environment variable KAFAK_TOPIC_PREFIX is ignored; did you mean KAFKA_TOPIC_PREFIX?",
                "Unknown environment variable KAFKA_MAX_POLL_RECORD is ignored; did you mean KAFKA_MAX_POLL_RECORDS?",
                "Unknown environment variable onex_env is ignored; did you mean ONEX_ENV?");
        assertThat(c.maxPollRecords()).isEqualTo(500);
        assertThat(c.env()).isEqualTo("dev");
    }
}
