package io.onex.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.kafka.embedded.EmbeddedKafkaBroker;
import io.onex.kafka.embedded.ScramUser;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.RuntimeStartupException;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime against a cluster that requires SASL_SSL (SCRAM-SHA-512, a test CA) and ACLs: one secured embedded
 * broker for the class, one tenant (hence one set of topics and ACLs) per scenario.
 */
class SecuredClusterIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ECHO = "echo";
    private static final String ECHO_PASSWORD = "echo-pw-2f9c";
    private static final String MUTE = "mute";
    private static final String MUTE_PASSWORD = "mute-pw-77aa";
    private static final String SEALED = "sealed";
    private static final String SEALED_PASSWORD = "sealed-pw-31bd";
    private static EmbeddedKafkaBroker broker;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private OnexRuntime runtime;

    @BeforeAll
    static void startBroker() {
        List<AclBinding> acls = new ArrayList<>(SecuredBroker.nodeAcls(ECHO, "sec_ok"));
        // mute may do everything but write the node's output; sealed cannot write its dead letters either
        acls.addAll(SecuredBroker.nodeAcls(MUTE, "sec_mute"));
        acls.add(SecuredBroker.deny(MUTE, ResourceType.TOPIC, topic("sec_mute", "it-echoed"), AclOperation.WRITE));
        acls.addAll(SecuredBroker.nodeAcls(SEALED, "sec_sealed"));
        acls.add(SecuredBroker.deny(SEALED, ResourceType.TOPIC, topic("sec_sealed", "it-echoed"), AclOperation.WRITE));
        acls.add(SecuredBroker.deny(SEALED, ResourceType.TOPIC, topic("sec_sealed", "it-input") + ".dlq",
                AclOperation.WRITE));
        broker = SecuredBroker.start(List.of(new ScramUser(ECHO, ECHO_PASSWORD), new ScramUser(MUTE, MUTE_PASSWORD),
                new ScramUser(SEALED, SEALED_PASSWORD)), acls);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void stopRuntime() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static String topic(String tenant, String name) {
        return "dev." + tenant + ".onex.evt." + name + ".v1";
    }

    private OnexRuntime start(Map<String, String> env) {
        return OnexRuntime.builder().contracts(Path.of("src/test/resources/it-contracts")).environment(env)
                .httpPort(-1).build().start();
    }

    private EventEnvelope send(String tenant, Map<String, Object> payload) throws Exception {
        EventEnvelope e = EventEnvelope.create("IT_INPUT", UUID.randomUUID().toString(), null, Instant.now(),
                new EventSource("it", "effect", "it-producer"), Map.of(), payload);
        SecuredBroker.send(broker, topic(tenant, "it-input"), e.correlationId().getBytes(StandardCharsets.UTF_8),
                codec.encode(e));
        return e;
    }

    @Test
    void nodeWithTheRightCredentialsAndCaConsumesAndPublishes() throws Exception {
        runtime = start(SecuredBroker.environment(broker, "sec_ok", ECHO, ECHO_PASSWORD));
        try (TopicReader out = new TopicReader(SecuredBroker.admin(broker), topic("sec_ok", "it-echoed"))) {
            EventEnvelope in = send("sec_ok", Map.of("text", "over tls"));

            ConsumerRecord<byte[], byte[]> r = out.await(WAIT,
                    rec -> in.correlationId().equals(TopicReader.json(rec).path("correlation_id").asText()));

            assertThat(TopicReader.json(r).path("payload").path("text").asText()).isEqualTo("OVER TLS");
        }
    }

    @Test
    void wrongPasswordFailsTheStartWithinSecondsNamingTheSettingsButNeverThePassword() {
        String wrong = "not-the-pw-Q7";
        Map<String, String> env = SecuredBroker.environment(broker, "sec_ok", ECHO, wrong);
        long t0 = System.nanoTime();

        Throwable thrown = catchThrowable(() -> runtime = start(env));

        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(thrown).isInstanceOf(RuntimeStartupException.class);
        assertThat(thrown.getMessage()).isEqualTo("the cluster at " + broker.bootstrapServers() + " refused"
                + " authentication: Authentication failed during authentication due to invalid credentials with SASL"
                + " mechanism SCRAM-SHA-512 (check KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME"
                + " and KAFKA_SASL_PASSWORD)");
        assertThat(thrown.getMessage()).doesNotContain(wrong);
        assertThat(millis).isLessThan(10_000);
    }

    @Test
    void caThatDidNotSignTheBrokerCertificateFailsTheStartNamingTheCaSetting(@TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>(SecuredBroker.environment(broker, "sec_ok", ECHO, ECHO_PASSWORD));
        env.put("KAFKA_SSL_CA_LOCATION", SecuredBroker.someOtherCa(dir).toString());

        Throwable thrown = catchThrowable(() -> runtime = start(env));

        assertThat(thrown).isInstanceOf(RuntimeStartupException.class);
        assertThat(thrown.getMessage()).startsWith("the TLS handshake with the cluster at " + broker.bootstrapServers()
                + " failed: ").endsWith(" (check KAFKA_SSL_CA_LOCATION, the PEM file of the CA that signed the"
                + " brokers' certificates, and KAFKA_SECURITY_PROTOCOL)");
    }

    @Test
    void publishDeniedByAnAclFailsTheCallNamingTheTopicAndDeadLettersTheInput() throws Exception {
        runtime = start(SecuredBroker.environment(broker, "sec_mute", MUTE, MUTE_PASSWORD));
        try (TopicReader dlq = new TopicReader(SecuredBroker.admin(broker), topic("sec_mute", "it-input") + ".dlq")) {
            EventEnvelope in = send("sec_mute", Map.of("text", "unheard"));

            ConsumerRecord<byte[], byte[]> r = dlq.await(WAIT,
                    rec -> in.correlationId().equals(TopicReader.json(rec).path("correlation_id").asText()));

            JsonNode letter = TopicReader.json(r);
            assertThat(letter.path("error").path("type").asText())
                    .isEqualTo("org.apache.kafka.common.errors.TopicAuthorizationException");
            assertThat(letter.path("error").path("message").asText())
                    .isEqualTo("Not authorized to access topics: [" + topic("sec_mute", "it-echoed") + "]");
            // the node's retry policy (3 attempts) applies to a denied publish as to any failure: then it stops
            assertThat(letter.path("retry_count").asInt()).isEqualTo(3);
        }
    }

    @Test
    void deadLetterWriteDeniedTooIsLoggedAndCountedAndTheRecordStaysUndone() throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            runtime = start(SecuredBroker.environment(broker, "sec_sealed", SEALED, SEALED_PASSWORD));
            EventEnvelope in = send("sec_sealed", Map.of("text", "nowhere to go"));
            String dlq = topic("sec_sealed", "it-input") + ".dlq";

            Awaitility.await().atMost(WAIT).until(() -> logs.lines().stream()
                    .anyMatch(l -> l.contains("dead-letter write to " + dlq + " failed for good")));

            String nodeId = runtime.nodeId("uppercase_echo");
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("ERROR") && l.contains("dead-letter write to " + dlq
                    + " failed for good: node=" + nodeId + " correlation_id=" + in.correlationId()
                    + ": org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized to access topics: ["
                    + dlq + "]"));
            assertThat(runtime.meterRegistry().get("onex.dlq.failures").tag("topic", dlq).counter().count())
                    .isEqualTo(1.0);
            // not done: the record is delivered again (at the breaker's pace) until the ACLs let it go somewhere
            Awaitility.await().atMost(WAIT).until(() -> logs.lines().stream().anyMatch(l -> l.contains(
                    "consumer uppercase_echo: record " + topic("sec_sealed", "it-input")) && l.contains("not done")
                    && l.contains("delivering it again")));
        }
    }

    @Test
    void operatorVerbsTakeTheSameSettingsFromTheEnvironment() throws Exception {
        String probe = topic("sec_cli", "probe");
        try (Admin admin = Admin.create(SecuredBroker.admin(broker))) {
            admin.createTopics(List.of(new NewTopic(probe, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        SecuredBroker.send(broker, probe, "k".getBytes(StandardCharsets.UTF_8),
                "{\"event_type\":\"PROBE\"}".getBytes(StandardCharsets.UTF_8));
        Map<String, String> env = SecuredBroker.environment(broker, "sec_cli", SecuredBroker.ADMIN,
                SecuredBroker.ADMIN_PASSWORD);

        CliProcess.Result topics = CliProcess.run(env, "topics", "dev.sec_cli.*");
        CliProcess.Result tail = CliProcess.run(env, "tail", probe, "--from", "beginning", "--limit", "1",
                "--format", "json");

        assertThat(topics.code()).as(topics.err()).isZero();
        assertThat(topics.out().lines().filter(l -> l.startsWith(probe + " "))).singleElement()
                .satisfies(l -> assertThat(l.split(" +")).containsExactly(probe, "1", "7d", "1", "1"));
        assertThat(tail.code()).as(tail.err()).isZero();
        assertThat(tail.out()).contains("PROBE");
    }

    @Test
    void operatorVerbWithAWrongPasswordExitsThreeNamingTheSettingsButNeverThePassword() throws Exception {
        String wrong = "wr0ng-Pa55-for-cli";
        Map<String, String> env = SecuredBroker.environment(broker, "sec_cli", SecuredBroker.ADMIN, wrong);

        CliProcess.Result r = CliProcess.run(env, "groups");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("error: the cluster at " + broker.bootstrapServers() + " refused authentication:"
                + " Authentication failed during authentication due to invalid credentials with SASL mechanism"
                + " SCRAM-SHA-512 (check KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and"
                + " KAFKA_SASL_PASSWORD)\n");
        assertThat(r.out() + r.err()).doesNotContain(wrong);
    }
}
