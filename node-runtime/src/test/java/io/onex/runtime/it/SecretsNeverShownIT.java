package io.onex.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.kafka.embedded.EmbeddedKafkaBroker;
import io.onex.kafka.embedded.ScramUser;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.config.ConfigTable;
import io.onex.runtime.config.Setting;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.logging.log4j.Level;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime holds a SASL password, a database password and a password inside the database URL, all recognisable;
 * none of them may appear anywhere a person or another service reads: the logs (the runtime's at DEBUG, the Kafka
 * clients' at INFO, which print their whole configuration), a dead letter whose failure message quotes a password,
 * {@code /health}, {@code /metrics}, the introspection and heartbeat events on their topics, and the output of
 * {@code onex config} and of a verb that fails.
 */
class SecretsNeverShownIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TENANT = "sec_secrets";
    private static final String USER = "svc";
    private static final String SASL_PASSWORD = "s3cr3t-Pa55-XYZZY";
    private static final String DB_PASSWORD = "Db-S3cr3t-PLUGH";
    private static final String URL_PASSWORD = "Url-S3cr3t-FROTZ";
    private static final List<String> SECRETS = List.of(SASL_PASSWORD, DB_PASSWORD, URL_PASSWORD);
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = SecuredBroker.start(List.of(new ScramUser(USER, SASL_PASSWORD)), SecuredBroker.nodeAcls(USER, TENANT));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Every secret setting of the table gets a value here: a new one must be added to this test. */
    private static Map<String, String> environment() {
        assertThat(ConfigTable.settings().stream().filter(Setting::secret).map(Setting::name))
                .containsExactlyInAnyOrder(ConfigTable.KAFKA_SASL_PASSWORD, ConfigTable.ONEX_DATABASE_PASSWORD);
        Map<String, String> env = new HashMap<>(SecuredBroker.environment(broker, TENANT, USER, SASL_PASSWORD));
        env.put(ConfigTable.ONEX_DATABASE_URL, "jdbc:postgresql://127.0.0.1:5432/test?user=onex&password="
                + URL_PASSWORD);
        env.put(ConfigTable.ONEX_DATABASE_USER, "onex");
        env.put(ConfigTable.ONEX_DATABASE_PASSWORD, DB_PASSWORD);
        return env;
    }

    @Test
    void noSecretAppearsInLogsDeadLettersHealthMetricsIntrospectionOrCliOutput() throws Exception {
        Map<String, String> shown = new LinkedHashMap<>();
        String input = "dev." + TENANT + ".onex.evt.it-input.v1";
        try (CapturedLogs logs = new CapturedLogs(Map.of("io.onex", Level.DEBUG, "org.apache.kafka", Level.INFO))) {
            OnexRuntime runtime = OnexRuntime.builder().contracts(Path.of("src/test/resources/it-contracts"))
                    .environment(environment()).httpPort(0).build().start();
            try (TopicReader dlq = new TopicReader(SecuredBroker.admin(broker), input + ".dlq");
                    TopicReader registry = new TopicReader(SecuredBroker.admin(broker),
                            "dev." + TENANT + ".onex.evt.node-introspection.v1",
                            "dev." + TENANT + ".onex.evt.node-heartbeat.v1")) {
                // a failure quoting the database URL with its password, as a JDBC driver's message may
                UppercaseEchoNode.FAILURE_MESSAGE.set("cannot connect to jdbc:postgresql://db/test?user=onex"
                        + "&password=" + URL_PASSWORD + " (" + ConfigTable.ONEX_DATABASE_PASSWORD + "=" + DB_PASSWORD
                        + ")");
                EventEnvelope doomed = send(input, Map.of("fail_as_configured", true));
                ConsumerRecord<byte[], byte[]> letter = dlq.await(WAIT, r -> doomed.correlationId()
                        .equals(TopicReader.json(r).path("correlation_id").asText()));
                shown.put("dead letter", new String(letter.value(), StandardCharsets.UTF_8) + headers(letter));
                registry.await(WAIT, r -> "NODE_HEARTBEAT".equalsIgnoreCase(TopicReader.json(r).path("event_type")
                        .asText()));
                shown.put("health", get(runtime, "/health"));
                shown.put("metrics", get(runtime, "/metrics"));
                runtime.close();
                shown.put("introspection and heartbeat events", registry.drainFor(Duration.ofMillis(500)).stream()
                        .map(r -> new String(r.value(), StandardCharsets.UTF_8) + headers(r))
                        .collect(Collectors.joining("\n")));
                shown.put("runtime config toString", runtime.config().toString());
            } finally {
                runtime.close();
            }
            shown.put("logs", logs.text());
        }
        Map<String, String> env = environment();
        env.put("KAFKA_SASL_PASSWROD", SASL_PASSWORD); // a misspelt variable is warned about: by name only
        CliProcess.Result config = CliProcess.run(env, "config");
        shown.put("onex config", config.out() + config.err());
        CliProcess.Result tail = CliProcess.run(env, "tail", "dev." + TENANT + ".onex.evt.no-such-topic.v1");
        shown.put("onex tail (failing)", tail.out() + tail.err());

        assertThat(shown.get("dead letter")).contains("password=***");
        assertThat(shown.get("logs")).contains("sasl.jaas.config = [hidden]"); // the clients' config dump was read
        assertThat(tail.code()).isNotZero();
        assertThat(config.err()).contains("KAFKA_SASL_PASSWROD");
        SoftAssertions everywhere = new SoftAssertions();
        for (Map.Entry<String, String> place : shown.entrySet()) {
            for (String secret : SECRETS) {
                everywhere.assertThat(place.getValue()).as("%s must not show %s", place.getKey(), secret)
                        .doesNotContain(secret);
            }
        }
        everywhere.assertAll();
    }

    private static EventEnvelope send(String topic, Map<String, Object> payload) throws Exception {
        EventEnvelope e = EventEnvelope.create("IT_INPUT", UUID.randomUUID().toString(), null, Instant.now(),
                new EventSource("it", "effect", "it-producer"), Map.of(), payload);
        SecuredBroker.send(broker, topic, e.correlationId().getBytes(StandardCharsets.UTF_8),
                new EnvelopeCodec().encode(e));
        return e;
    }

    private static String headers(ConsumerRecord<byte[], byte[]> r) {
        StringBuilder s = new StringBuilder();
        r.headers().forEach(h -> s.append('\n').append(h.key()).append('=')
                .append(new String(h.value(), StandardCharsets.UTF_8)));
        return s.toString();
    }

    private static String get(OnexRuntime runtime, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + runtime.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }
}
