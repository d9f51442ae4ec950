package io.onex.runtime.ops;

import static io.onex.runtime.ops.DeadLetterFixtures.T;
import static io.onex.runtime.ops.DeadLetterFixtures.consumed;
import static io.onex.runtime.ops.DeadLetterFixtures.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.EventEnvelope;
import io.onex.runtime.deadletter.DeadLetterHeaders;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The replay's bookkeeping on MockConsumer and MockProducer: what is sent, what is committed, what a rerun does. */
class DlqReplayTest {

    private static final String ORIGINAL = "dev.omninode_bridge.onex.evt.a.v1";
    private static final String DLQ = ORIGINAL + ".dlq";
    private static final TopicPartition P0 = new TopicPartition(DLQ, 0);

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
    private final List<EventEnvelope> originals = new ArrayList<>();
    /** Each group's committed offsets, as the broker keeps them between runs. */
    private final Map<String, Map<TopicPartition, OffsetAndMetadata>> groups = new HashMap<>();
    private final List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
    private Predicate<ProducerRecord<byte[], byte[]>> failSend = r -> false;

    private void letters(int n, int replayCount) {
        for (int i = 0; i < n; i++) {
            EventEnvelope e = envelope("E", "corr-" + letters.size(), Map.of("n", letters.size()));
            RecordHeaders h = new RecordHeaders();
            h.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
            if (replayCount > 0) {
                h.add(DeadLetterHeaders.REPLAY_COUNT, Integer.toString(replayCount).getBytes(StandardCharsets.UTF_8));
            }
            ProducerRecord<byte[], byte[]> letter = DeadLetterFixtures.letter(ORIGINAL, letters.size(), e,
                    new IllegalStateException("boom"), h);
            letters.add(consumed(letter, letters.size(), T));
            originals.add(e);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(ReplayOptions options) {
        return groups.computeIfAbsent(options.groupId(), g -> new HashMap<>());
    }

    private ReplayReport replay(ReplayOptions options) {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(options);
        // the group's offsets live in `committed`, as on a broker (MockConsumer.assign forgets its own)
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
            @Override
            public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
                Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>(committed);
                out.keySet().retainAll(partitions);
                return out;
            }

            @Override
            public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
                committed.putAll(offsets);
            }
        };
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(DLQ, List.of(new PartitionInfo(DLQ, 0, node, null, null)));
        consumer.updatePartitions(ORIGINAL, List.of(new PartitionInfo(ORIGINAL, 0, node, null, null)));
        consumer.updatePartitions("elsewhere", List.of(new PartitionInfo("elsewhere", 0, node, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, (long) letters.size()));
        consumer.schedulePollTask(() -> letters.forEach(consumer::addRecord));
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> r, Callback callback) {
                if (failSend.test(r)) {
                    return CompletableFuture.failedFuture(new org.apache.kafka.common.errors.TimeoutException(
                            "Expiring 1 record(s)"));
                }
                sent.add(r);
                return super.send(r, callback);
            }
        };
        DlqReplay replay = new DlqReplay(consumer, producer, new DeadLetterReader(codec),
                new ReplayRecords(codec.mapper()));
        RecordFilter filter = RecordFilter.where(options.where().orElse(null));
        ReplayReport report = replay.run(options, filter, () -> false, new DlqReplay.Listener() {
            @Override
            public void decided(DeadLetterView letter, DlqReplay.Decision decision, String destination) {
            }

            @Override
            public void progress(long done, long total, ReplayReport soFar) {
            }
        });
        return report;
    }

    private static ReplayOptions options() {
        return new ReplayOptions(DLQ, Optional.empty(), Optional.empty(), 0, 3, false, false);
    }

    private String eventId(ProducerRecord<byte[], byte[]> r) {
        return codec.decode(r.value()).eventId();
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void republishesEachOriginalEnvelopeToItsTopicWithItsEventIdKeyHeadersAndReplayCountOne() {
        letters(2, 0);

        ReplayReport report = replay(options());

        assertThat(report).isEqualTo(new ReplayReport(2, 0, 0, 0, 0, Optional.empty(), 0));
        assertThat(sent).extracting(ProducerRecord::topic).containsOnly(ORIGINAL);
        assertThat(sent).extracting(this::eventId).containsExactly(originals.get(0).eventId(),
                originals.get(1).eventId());
        assertThat(codec.decode(sent.get(1).value())).isEqualTo(originals.get(1));
        assertThat(sent.get(0).key()).isEqualTo("corr-0".getBytes(StandardCharsets.UTF_8));
        assertThat(header(sent.get(0), "trace")).isEqualTo("t-1");
        assertThat(header(sent.get(0), DeadLetterHeaders.REPLAY_COUNT)).isEqualTo("1");
        assertThat(sent.get(0).headers().toArray()).noneMatch(h -> h.key().startsWith(DeadLetterHeaders.PREFIX));
        assertThat(committed(options()).get(P0).offset()).isEqualTo(2);
    }

    @Test
    void replaysEachRecordOnceWhenRerunAfterInterruption() {
        letters(5, 0);

        ReplayReport first = replay(new ReplayOptions(DLQ, Optional.empty(), Optional.empty(), 2, 3, false, false));
        ReplayReport second = replay(options());
        ReplayReport third = replay(options());

        assertThat(first.replayed()).isEqualTo(2);
        assertThat(first.remaining()).isEqualTo(3);
        assertThat(second.replayed()).isEqualTo(3);
        assertThat(third.replayed()).isZero();
        assertThat(sent).extracting(this::eventId)
                .containsExactlyElementsOf(originals.stream().map(EventEnvelope::eventId).toList());
    }

    @Test
    void aLetterFailedAgainAfterReplayingCarriesTheRaisedCountAndIsParkedPastTheLimitUnlessForced() {
        letters(1, 2);
        letters(1, 3);

        ReplayReport report = replay(options());
        List<ProducerRecord<byte[], byte[]>> firstRun = List.copyOf(sent);
        ReplayReport forced = replay(new ReplayOptions(DLQ, Optional.empty(), Optional.empty(), 0, 3, true, false));

        assertThat(report.replayed()).isEqualTo(1);
        assertThat(report.parked()).isEqualTo(1);
        assertThat(header(firstRun.get(0), DeadLetterHeaders.REPLAY_COUNT)).isEqualTo("3");
        assertThat(forced.replayed()).isEqualTo(2);
        assertThat(header(sent.get(2), DeadLetterHeaders.REPLAY_COUNT)).isEqualTo("4");
    }

    @Test
    void aDryRunSendsAndCommitsNothing() {
        letters(3, 0);

        ReplayOptions dry = new ReplayOptions(DLQ, Optional.empty(), Optional.empty(), 0, 3, false, true);

        ReplayReport report = replay(dry);

        assertThat(report.replayed()).isEqualTo(3);
        assertThat(sent).isEmpty();
        assertThat(committed(dry)).isEmpty();
    }

    @Test
    void whereSelectsLettersAndToSendsThemElsewhere() {
        letters(4, 0);

        ReplayReport report = replay(new ReplayOptions(DLQ, Optional.of("elsewhere"),
                Optional.of("payload.n % 2 == 1"), 0, 3, false, false));

        assertThat(report.replayed()).isEqualTo(2);
        assertThat(report.filteredOut()).isEqualTo(2);
        assertThat(sent).extracting(ProducerRecord::topic).containsOnly("elsewhere");
        assertThat(sent).extracting(this::eventId).containsExactly(originals.get(1).eventId(),
                originals.get(3).eventId());
    }

    @Test
    void aFailedSendStopsTheReplayWithoutCommittingPastItAndTheRerunResumesFromIt() {
        letters(3, 0);
        String second = originals.get(1).eventId();
        failSend = r -> eventId(r).equals(second);

        ReplayReport failed = replay(options());
        failSend = r -> false;
        ReplayReport rerun = replay(options());

        assertThat(failed.failed()).isEqualTo(1);
        assertThat(failed.failure()).contains("TimeoutException: Expiring 1 record(s)");
        assertThat(failed.remaining()).isEqualTo(2);
        assertThat(rerun.replayed()).isEqualTo(2);
        // the third went out in the failed batch too: the rerun sends it again (same event id: absorbed)
        assertThat(sent).extracting(this::eventId).containsExactly(originals.get(0).eventId(),
                originals.get(2).eventId(), originals.get(1).eventId(), originals.get(2).eventId());
    }

    @Test
    void aLetterWithoutAnOriginalIsUnreplayableAndPassedOver() {
        letters.add(consumed(new ProducerRecord<>(DLQ, 0, null, "garbage".getBytes(StandardCharsets.UTF_8)), 0, T));
        letters(1, 0);

        ReplayReport report = replay(options());

        assertThat(report.unreplayable()).isEqualTo(1);
        assertThat(report.replayed()).isEqualTo(1);
        assertThat(committed(options()).get(P0).offset()).isEqualTo(2);
    }

    @Test
    void eachSelectionKeepsItsOwnProgress() {
        assertThat(options().groupId()).isEqualTo("onex-dlq-replay." + DLQ);
        assertThat(new ReplayOptions(DLQ, Optional.of("x"), Optional.empty(), 0, 3, false, false).groupId())
                .isEqualTo("onex-dlq-replay." + DLQ + ".to.x");
        assertThat(new ReplayOptions(DLQ, Optional.empty(), Optional.of("a"), 0, 3, false, false).groupId())
                .startsWith("onex-dlq-replay." + DLQ + ".").isNotEqualTo(new ReplayOptions(DLQ, Optional.empty(),
                        Optional.of("b"), 0, 3, false, false).groupId());
        assertThat(new ReplayOptions(DLQ, Optional.empty(), Optional.of("a"), 0, 3, false, false).groupId())
                .isNotEqualTo(new ReplayOptions(DLQ, Optional.empty(), Optional.of("a"), 0, 3, true, false).groupId());
        assertThatThrownBy(() -> new ReplayOptions(DLQ, Optional.empty(), Optional.empty(), 0, 0, false, false))
                .hasMessage("--max-replays must be greater than or equal to 1, but was 0");
    }
}
