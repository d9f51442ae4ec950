package io.onex.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.contract.RetrySpec;
import io.onex.runtime.deadletter.DeadLetter;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.kafka.RecordOrigin;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import io.onex.runtime.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code onex tail} of envelopes, a dead letter of the runtime and garbage bytes, against the embedded broker. */
class TailCommandIT {

    private static final Instant T = Instant.parse("2026-12-06T04:00:00Z");
    private final EnvelopeCodec codec = new EnvelopeCodec();

    private EventEnvelope envelope(String type, String correlationId) {
        return EventEnvelope.create(type, correlationId, null, T, new EventSource("omninode_bridge", "effect", "n-1"),
                Map.of(), Map.of("file", "a.txt"));
    }

    private ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, 0, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    /** The record the runtime's router writes, sent to the real topic. */
    private ProducerRecord<byte[], byte[]> deadLetter(String topic) {
        MockProducer<byte[], byte[]> mock =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        MutableClock clock = MutableClock.atEpochSecond(T.getEpochSecond());
        new DeadLetterRouter(mock, codec.mapper(), clock, new ManualScheduler(clock),
                new RetrySpec(1, Duration.ofMillis(10), 2.0, Duration.ofSeconds(1), 0, List.of(), List.of()),
                new SimpleMeterRegistry()).route(DeadLetter.builder(
                        new RecordOrigin(topic, 0, 1L, null, null, null), new IllegalStateException("disk full"))
                .originalEnvelope(envelope("STAMP_REQUESTED", "corr-2"))
                .retryCount(3).nodeId("stamper-1").correlationId("corr-2").build());
        ProducerRecord<byte[], byte[]> r = mock.history().get(0);
        return new ProducerRecord<>(r.topic(), 0, r.key(), r.value(), r.headers());
    }

    @Test
    void printsEnvelopesDeadLettersAndGarbageDecodedAndEscaped() throws Exception {
        String servers = SharedKafka.bootstrapServers();
        String topic = SharedKafka.uniqueTopic("ops-tail");
        OperatorVerbs.createTopic(servers, new NewTopic(topic, 1, (short) 1));
        OperatorVerbs.createTopic(servers, new NewTopic(topic + ".dlq", 1, (short) 1));
        byte[] garbage = "\u001b[2J\u0000boom".getBytes(StandardCharsets.UTF_8);
        OperatorVerbs.send(servers, record(topic, "k1", codec.encode(envelope("STAMP_REQUESTED", "corr-1"))),
                record(topic, "k2", garbage), deadLetter(topic));

        OperatorVerbs.Result r = OperatorVerbs.run("tail", topic, topic + ".dlq", "--bootstrap", servers);

        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("RECORD +TIME +KIND +EVENT-TYPE +CORRELATION-ID +KEY +DETAIL");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(topic + "[0]@0 ")
                .contains(" envelope ", " STAMP_REQUESTED ", " corr-1 ", " k1 ", "{\"file\":\"a.txt\"}"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(topic + "[0]@1 ")
                .contains(" undecodable ", "record value is not valid JSON", "value \\x1b[2J\\x00boom"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(topic + ".dlq[0]@0 ")
                .contains(" dlq ", " STAMP_REQUESTED ", " corr-2 ", "error java.lang.IllegalStateException: disk full",
                        "from " + topic + "[0]@1, 3 attempt(s), node stamper-1"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("3 record(s)");
        assertThat(r.out().codePoints()).noneMatch(cp -> cp != '\n' && Character.isISOControl(cp));
    }

    @Test
    void jsonLastNAndLimitSelectWhatIsPrinted() throws Exception {
        String servers = SharedKafka.bootstrapServers();
        String topic = SharedKafka.uniqueTopic("ops-tail-json");
        OperatorVerbs.createTopic(servers, new NewTopic(topic, 1, (short) 1));
        OperatorVerbs.send(servers, record(topic, null, codec.encode(envelope("A", "c-0"))),
                record(topic, null, codec.encode(envelope("B", "c-1"))),
                record(topic, null, codec.encode(envelope("C", "c-2"))));

        OperatorVerbs.Result r = OperatorVerbs.run("tail", topic, "--from", "-2", "--limit", "1", "--format", "json",
                "--bootstrap", servers);

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode line = new ObjectMapper().readTree(r.out().lines().findFirst().orElseThrow());
        assertThat(r.out().lines().count()).isEqualTo(1);
        assertThat(line.get("offset").asLong()).isEqualTo(1);
        assertThat(line.get("kind").asText()).isEqualTo("envelope");
        assertThat(line.get("event_type").asText()).isEqualTo("B");
        assertThat(line.get("event_time").asText()).isEqualTo("2026-12-06T04:00:00Z");
        assertThat(line.get("payload").get("file").asText()).isEqualTo("a.txt");
    }

    @Test
    void fromATimeStartsAtTheFirstRecordAtOrAfterIt() throws Exception {
        String servers = SharedKafka.bootstrapServers();
        String topic = SharedKafka.uniqueTopic("ops-tail-time");
        OperatorVerbs.createTopic(servers, new NewTopic(topic, 1, (short) 1));
        long t0 = T.toEpochMilli();
        OperatorVerbs.send(servers,
                new ProducerRecord<>(topic, 0, t0, null, codec.encode(envelope("EARLY", "c-0"))),
                new ProducerRecord<>(topic, 0, t0 + 60_000, null, codec.encode(envelope("ON-TIME", "c-1"))),
                new ProducerRecord<>(topic, 0, t0 + 120_000, null, codec.encode(envelope("LATE", "c-2"))));

        OperatorVerbs.Result r = OperatorVerbs.run("tail", topic, "--from", "2026-12-06T04:00:30Z",
                "--bootstrap", servers);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain(" EARLY ").contains(" ON-TIME ", " LATE ").endsWith("2 record(s)\n");
    }

    @Test
    void followPrintsRecordsAsTheyArriveUntilTheLimit() throws Exception {
        String servers = SharedKafka.bootstrapServers();
        String topic = SharedKafka.uniqueTopic("ops-tail-follow");
        OperatorVerbs.createTopic(servers, new NewTopic(topic, 1, (short) 1));
        OperatorVerbs.send(servers, record(topic, null, codec.encode(envelope("OLD", "c-0"))));
        java.io.StringWriter out = new java.io.StringWriter();
        CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(() -> OnexCli.commandLine(
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter(), true))
                .execute("tail", topic, "--follow", "--limit", "1", "--bootstrap", servers));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().startsWith("RECORD"));

        // the tail seeks to the end before printing its header, so this record is new to it
        OperatorVerbs.send(servers, record(topic, null, codec.encode(envelope("NEW", "c-1"))));

        assertThat(tail.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).contains(" NEW ").doesNotContain(" OLD ").endsWith("1 record(s)\n");
    }

    @Test
    void topicsMayBeNamedByTheirOnexReferenceDeadLetterTopicsToo() throws Exception {
        String servers = SharedKafka.bootstrapServers();
        String reference = "onex.evt." + SharedKafka.uniqueTopic("ops-ref") + ".v1";
        String full = "dev.omninode_bridge." + reference + ".dlq";
        OperatorVerbs.createTopic(servers, new NewTopic(full, 1, (short) 1));
        OperatorVerbs.send(servers, record(full, null, "x".getBytes(StandardCharsets.UTF_8)));

        OperatorVerbs.Result r = OperatorVerbs.run("tail", reference + ".dlq", "--bootstrap", servers);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(full + "[0]@0 ").endsWith("1 record(s)\n");
    }

    @Test
    void anUnknownTopicOrABadFromIsAUsageError() {
        String servers = SharedKafka.bootstrapServers();

        OperatorVerbs.Result missing = OperatorVerbs.run("tail", "no-such-topic-" + System.nanoTime(),
                "--bootstrap", servers);
        OperatorVerbs.Result badFrom = OperatorVerbs.run("tail", "x", "--from", "yesterday", "--bootstrap", servers);

        assertThat(missing.code()).as(missing.err()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist (`onex topics` lists them)");
        assertThat(badFrom.code()).isEqualTo(2);
        assertThat(badFrom.err()).contains("--from: expected beginning, end, -N");
    }

    @Test
    void whereKeepsTheRecordsItsConditionHoldsForAndABadOneIsAUsageErrorNamingTheColumn() throws Exception {
        String servers = SharedKafka.bootstrapServers();
        String topic = SharedKafka.uniqueTopic("ops-tail-where");
        OperatorVerbs.createTopic(servers, new NewTopic(topic, 1, (short) 1));
        OperatorVerbs.send(servers, record(topic, null, codec.encode(envelope("A", "c-0"))),
                record(topic, null, codec.encode(envelope("B", "c-1"))),
                record(topic, null, codec.encode(envelope("A", "c-2"))),
                record(topic, null, "garbage".getBytes(StandardCharsets.UTF_8)));

        OperatorVerbs.Result r = OperatorVerbs.run("tail", topic, "--where",
                "event_type == 'A' && payload.file == 'a.txt' && source.node_id == 'n-1'", "--limit", "1",
                "--bootstrap", servers);
        OperatorVerbs.Result bad = OperatorVerbs.run("tail", topic, "--where", "event_type ==", "--bootstrap",
                servers);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(" c-0 ").doesNotContain(" c-1 ", " c-2 ", "garbage").endsWith("1 record(s)\n");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--where: expression 'event_type ==' does not parse: mismatched input"
                + " '<EOF>'").contains("(at column 14 of the expression)");
    }
}
