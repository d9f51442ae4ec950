package io.onex.runtime.cli;

import static io.onex.runtime.ops.DeadLetterFixtures.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.EventEnvelope;
import io.onex.runtime.OnexRuntime;
import io.onex.runtime.deadletter.DeadLetterHeaders;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.ops.DeadLetterFixtures;
import io.onex.runtime.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code onex dlq list|show|replay} against the embedded broker, with letters as the runtime's router writes them. */
class DlqCommandIT {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final String servers = SharedKafka.bootstrapServers();

    /** A topic and its DLQ, the DLQ holding one letter per failure, each with its own envelope. */
    private List<EventEnvelope> topicWithLetters(String topic, int replayCount, Throwable... failures)
            throws Exception {
        OperatorVerbs.createTopic(servers, new NewTopic(topic, 1, (short) 1));
        OperatorVerbs.createTopic(servers, new NewTopic(topic + ".dlq", 1, (short) 1));
        List<EventEnvelope> originals = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> letters = new ArrayList<>();
        for (Throwable failure : failures) {
            EventEnvelope e = envelope("LEDGER_ENTRY", "corr-" + originals.size(), Map.of("n", originals.size(),
                    "fail", failure.getMessage().equals("fail"), "password", "hunter2"));
            RecordHeaders h = new RecordHeaders();
            if (replayCount > 0) {
                h.add(DeadLetterHeaders.REPLAY_COUNT, Integer.toString(replayCount).getBytes(StandardCharsets.UTF_8));
            }
            letters.add(DeadLetterFixtures.letter(topic, originals.size(), e, failure, h));
            originals.add(e);
        }
        OperatorVerbs.send(servers, letters.toArray(ProducerRecord[]::new));
        return originals;
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", servers,
                "enable.auto.commit", false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            while (c.position(tp) < end) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    private List<String> eventIds(String topic) {
        return readAll(topic).stream().map(r -> codec.decode(r.value()).eventId()).toList();
    }

    private static List<String> ids(List<EventEnvelope> envelopes) {
        return envelopes.stream().map(EventEnvelope::eventId).toList();
    }

    @Test
    void listCountsLettersPerOriginalTopicAndErrorType() throws Exception {
        String topic = SharedKafka.uniqueTopic("dlq-list");
        topicWithLetters(topic, 0, new IllegalStateException("a"), new IllegalStateException("b"),
                new TimeoutException("c"));

        OperatorVerbs.Result table = OperatorVerbs.run("dlq", "list", topic, "--bootstrap", servers);
        OperatorVerbs.Result json = OperatorVerbs.run("dlq", "list", topic, "--format", "json", "--bootstrap",
                servers);

        assertThat(table.code()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines.get(0)).matches("DLQ-TOPIC +ORIGINAL-TOPIC +ERROR-TYPE +COUNT +OLDEST +NEWEST");
        assertThat(lines.get(1)).matches(topic + "\\.dlq +" + topic + " +java\\.lang\\.IllegalStateException +2 +\\S+"
                + " +\\S+");
        assertThat(lines.get(2)).matches(topic + "\\.dlq +" + topic
                + " +java\\.util\\.concurrent\\.TimeoutException +1 +\\S+ +\\S+");
        assertThat(lines.get(3)).isEqualTo("3 dead letter(s) in 1 DLQ topic(s) on " + servers);
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("count").asLong()).isEqualTo(2);
        assertThat(rows.get(0).get("oldest_age_seconds").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void showPrintsTheLettersTheConditionHoldsForWithSecretsMaskedAndGarbageEscaped() throws Exception {
        String topic = SharedKafka.uniqueTopic("dlq-show");
        List<EventEnvelope> originals = topicWithLetters(topic, 0, new IllegalStateException("a"),
                new TimeoutException("slow"));
        OperatorVerbs.send(servers, new ProducerRecord<>(topic + ".dlq", 0, null,
                "\u001b[2J\u0000garbage".getBytes(StandardCharsets.UTF_8)));

        OperatorVerbs.Result timeouts = OperatorVerbs.run("dlq", "show", topic + ".dlq", "--where",
                "error.type.endsWith('TimeoutException') && payload.n == 1", "--bootstrap", servers);
        OperatorVerbs.Result all = OperatorVerbs.run("dlq", "show", topic + ".dlq", "--format", "json",
                "--bootstrap", servers);
        OperatorVerbs.Result bad = OperatorVerbs.run("dlq", "show", topic + ".dlq", "--where", "error.type ==",
                "--bootstrap", servers);

        assertThat(timeouts.code()).as(timeouts.err()).isZero();
        List<String> lines = timeouts.out().lines().toList();
        assertThat(lines.get(0)).matches("RECORD +TIME +ERROR +ORIGIN +EVENT-TYPE +EVENT-ID +REPLAYS +DETAIL");
        assertThat(lines.get(1)).startsWith(topic + ".dlq[0]@1 ").contains(" java.util.concurrent.TimeoutException ",
                " " + topic + "[0]@1 ", " LEDGER_ENTRY ", " " + originals.get(1).eventId() + " ", " 0 ",
                "slow | {", "\"password\":\"***\"");
        assertThat(lines).hasSize(3).last().isEqualTo("1 letter(s) in " + topic + ".dlq");
        assertThat(all.out().lines()).hasSize(3);
        assertThat(all.out()).doesNotContain("hunter2").contains("\"raw\":\"\\\\x1b[2J\\\\x00garbage\"");
        assertThat(all.out().codePoints()).noneMatch(cp -> cp != '\n' && Character.isISOControl(cp));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--where: expression 'error.type ==' does not parse:")
                .contains("(at column 14 of the expression)");
    }

    @Test
    void replayedEventsAreAbsorbedByAnIdempotentConsumerAndOneFailingAgainComesBackWithItsCountRaised()
            throws Exception {
        String tenant = "dlq_" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "dev." + tenant + ".onex.evt.dlq-ledger-input.v1";
        try (OnexRuntime runtime = OnexRuntime.builder().contracts(Path.of("src/test/resources/dlq-contracts"))
                .environment(Map.of("ONEX_TENANT", tenant, "ONEX_CREATE_TOPICS", "true"))
                .bootstrapServers(servers).httpPort(-1).build().start()) {
            List<EventEnvelope> originals = new ArrayList<>();
            List<ProducerRecord<byte[], byte[]>> letters = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                EventEnvelope e = envelope("LEDGER_ENTRY", "corr-" + i, Map.of("n", i, "fail", i == 3));
                letters.add(DeadLetterFixtures.letter(topic, i, e, new IllegalStateException("down"), null));
                originals.add(e);
            }
            OperatorVerbs.send(servers, letters.toArray(ProducerRecord[]::new));

            OperatorVerbs.Result first = OperatorVerbs.run("dlq", "replay", topic + ".dlq", "--bootstrap", servers);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> readAll(topic + ".dlq").size() == 5);
            // the same letters again, as a rerun inside the crash window would send them (another selection)
            OperatorVerbs.Result again = OperatorVerbs.run("dlq", "replay", topic + ".dlq", "--where",
                    "replay_count == 0", "--bootstrap", servers);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> readAll(topic + ".dlq").size() == 6);

            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.out()).endsWith("replayed 4, parked 0, filtered out 0, unreplayable 0, failed 0,"
                    + " remaining 0\n");
            assertThat(first.err()).contains("4/4 looked at: replayed 4");
            assertThat(again.code()).as(again.err()).isZero();
            assertThat(again.out()).contains("replayed 4, parked 0, filtered out 1");
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (EventEnvelope e : originals) {
                    assertThat(EventIdLedgerNode.DELIVERIES.get(e.eventId())).hasValue(2);
                }
            });
            assertThat(ids(originals.subList(0, 3))).allSatisfy(id ->
                    assertThat(EventIdLedgerNode.APPLIED.get(id)).hasValue(1));
            ConsumerRecord<byte[], byte[]> back = readAll(topic + ".dlq").get(4);
            assertThat(new String(back.headers().lastHeader(DeadLetterHeaders.REPLAY_COUNT).value(),
                    StandardCharsets.UTF_8)).isEqualTo("1");
            assertThat(codec.mapper().readTree(back.value()).path("original_envelope").path("event_id").asText())
                    .isEqualTo(originals.get(3).eventId());
        }
    }

    @Test
    void aReplayInterruptedByItsLimitAndRerunSendsEveryRecordExactlyOnce() throws Exception {
        String topic = SharedKafka.uniqueTopic("dlq-resume");
        List<EventEnvelope> originals = topicWithLetters(topic, 0, new IllegalStateException("a"),
                new IllegalStateException("b"), new IllegalStateException("c"), new IllegalStateException("d"),
                new IllegalStateException("e"));

        OperatorVerbs.Result first = OperatorVerbs.run("dlq", "replay", topic + ".dlq", "--limit", "2",
                "--bootstrap", servers);
        List<String> afterFirst = eventIds(topic);
        OperatorVerbs.Result second = OperatorVerbs.run("dlq", "replay", topic + ".dlq", "--bootstrap", servers);
        OperatorVerbs.Result third = OperatorVerbs.run("dlq", "replay", topic + ".dlq", "--bootstrap", servers);

        assertThat(first.out()).endsWith("replayed 2, parked 0, filtered out 0, unreplayable 0, failed 0,"
                + " remaining 3\n");
        assertThat(afterFirst).containsExactlyElementsOf(ids(originals.subList(0, 2)));
        assertThat(second.out()).contains("replayed 3,");
        assertThat(third.out()).contains("replayed 0,");
        assertThat(eventIds(topic)).containsExactlyElementsOf(ids(originals));
    }

    @Test
    void lettersReplayedMaxReplaysTimesAreParkedUnlessForced() throws Exception {
        String topic = SharedKafka.uniqueTopic("dlq-parked");
        List<EventEnvelope> originals = topicWithLetters(topic, 3, new IllegalStateException("a"));

        OperatorVerbs.Result parked = OperatorVerbs.run("dlq", "replay", topic + ".dlq", "--bootstrap", servers);
        List<String> afterParked = eventIds(topic);
        OperatorVerbs.Result forced = OperatorVerbs.run("dlq", "replay", topic + ".dlq", "--force", "--bootstrap",
                servers);

        assertThat(parked.code()).as(parked.err()).isZero();
        assertThat(parked.out()).startsWith("parked " + topic + ".dlq[0]@0 event " + originals.get(0).eventId()
                + ": replayed 3 time(s) already (--force replays it)\n").contains("replayed 0, parked 1,");
        assertThat(afterParked).isEmpty();
        assertThat(forced.out()).contains("replayed 1, parked 0,");
        List<ConsumerRecord<byte[], byte[]>> sent = readAll(topic);
        assertThat(new String(sent.get(0).headers().lastHeader(DeadLetterHeaders.REPLAY_COUNT).value(),
                StandardCharsets.UTF_8)).isEqualTo("4");
    }

    @Test
    void aDryRunSendsAndCommitsNothing() throws Exception {
        String topic = SharedKafka.uniqueTopic("dlq-dry");
        String elsewhere = SharedKafka.uniqueTopic("dlq-dry-to");
        OperatorVerbs.createTopic(servers, new NewTopic(elsewhere, 1, (short) 1));
        List<EventEnvelope> originals = topicWithLetters(topic, 0, new IllegalStateException("a"),
                new IllegalStateException("b"));

        OperatorVerbs.Result dry = OperatorVerbs.run("dlq", "replay", topic + ".dlq", "--to", elsewhere, "--dry-run",
                "--bootstrap", servers);
        List<String> afterDry = eventIds(elsewhere);
        OperatorVerbs.Result real = OperatorVerbs.run("dlq", "replay", topic + ".dlq", "--to", elsewhere,
                "--bootstrap", servers);

        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).startsWith("would replay " + topic + ".dlq[0]@0 event " + originals.get(0).eventId()
                + " to " + elsewhere + " (replay 1)\n").endsWith("would replay 2, parked 0, filtered out 0,"
                + " unreplayable 0, failed 0, remaining 0\n");
        assertThat(afterDry).isEmpty();
        assertThat(real.out()).contains("replayed 2,");
        assertThat(eventIds(elsewhere)).containsExactlyElementsOf(ids(originals));
        assertThat(eventIds(topic)).isEmpty();
    }
}
