package io.onex.runtime.kafka;

import static io.onex.runtime.kafka.ControlledHandler.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsumerLoopTest {

    private static final String TOPIC = "t";
    private static final TopicPartition TP0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition TP1 = new TopicPartition(TOPIC, 1);
    private static final TopicPartition TP2 = new TopicPartition(TOPIC, 2);
    private static final TopicPartition TP3 = new TopicPartition(TOPIC, 3);

    private final BlockingMockConsumer consumer = new BlockingMockConsumer();
    private final ControlledHandler handler = new ControlledHandler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicBoolean gateOpen = new AtomicBoolean(true);
    /** The gate's trial calls (half-open breaker); -1: not limited. */
    private final AtomicInteger trials = new AtomicInteger(-1);
    private final FlowGate gate = new FlowGate() {
        @Override
        public boolean acceptsWork() {
            return gateOpen.get();
        }

        @Override
        public OptionalInt trialCalls() {
            return trials.get() < 0 ? OptionalInt.empty() : OptionalInt.of(trials.get());
        }
    };
    private ConsumerLoop loop;

    @AfterEach
    void closeLoop() {
        if (loop != null) {
            loop.close(Duration.ofSeconds(1));
        }
    }

    private void start(int maxInFlight, Duration redeliveryBackoff, Duration revokeTimeout, TopicPartition... owned) {
        consumer.updateBeginningOffsets(Map.of(TP0, 0L, TP1, 0L, TP2, 0L, TP3, 0L));
        loop = ConsumerLoop.builder("test", consumer).topics(List.of(TOPIC)).handler(handler).gate(gate)
                .maxInFlight(maxInFlight).pollTimeout(Duration.ofMillis(50)).redeliveryBackoff(redeliveryBackoff)
                .revokeTimeout(revokeTimeout).meterRegistry(registry).build();
        loop.start();
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(owned)));
        await().until(() -> loop.assignment().equals(Set.of(owned)));
    }

    private void start(int maxInFlight, TopicPartition... owned) {
        start(maxInFlight, Duration.ofSeconds(1), Duration.ofSeconds(5), owned);
    }

    private void add(TopicPartition tp, long... offsets) {
        for (long o : offsets) {
            consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), o, null, ("v" + o).getBytes()));
        }
    }

    /** Returns once the loop has gone round once more (poll tasks run at the start of its next poll). */
    private void awaitLoopIteration() throws InterruptedException {
        CountDownLatch polled = new CountDownLatch(1);
        consumer.schedulePollTask(polled::countDown);
        assertThat(polled.await(10, TimeUnit.SECONDS)).as("loop polled again").isTrue();
    }

    private double counter(String outcome) {
        return registry.get("onex.consumer.records").tag("consumer", "test").tag("outcome", outcome).counter().count();
    }

    @Test
    void aLoopThatCommitsNoOffsetsLeavesItsGroupWithoutAnyWhileHandlingEveryRecord() throws Exception {
        consumer.updateBeginningOffsets(Map.of(TP0, 0L));
        loop = ConsumerLoop.builder("test", consumer).topics(List.of(TOPIC)).handler(handler).gate(gate)
                .maxInFlight(10).pollTimeout(Duration.ofMillis(50)).meterRegistry(registry).commitOffsets(false)
                .build();
        loop.start();
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(TP0)));
        await().until(() -> loop.assignment().equals(Set.of(TP0)));
        add(TP0, 0, 1, 2);
        await().until(() -> handler.handled().size() == 3);

        handler.complete(TP0, 0);
        handler.complete(TP0, 1);
        handler.complete(TP0, 2);
        await().until(() -> counter("processed") == 3);
        awaitLoopIteration();
        loop.close(Duration.ofSeconds(1));
        loop = null;

        assertThat(consumer.commitsOf(TP0)).isEmpty();
    }

    @Test
    void aLoopWithACommitIntervalCommitsAtMostOnceInItAndWhatIsDoneAtClose() throws Exception {
        consumer.updateBeginningOffsets(Map.of(TP0, 0L));
        loop = ConsumerLoop.builder("test", consumer).topics(List.of(TOPIC)).handler(handler).gate(gate)
                .maxInFlight(10).pollTimeout(Duration.ofMillis(50)).meterRegistry(registry)
                .commitInterval(Duration.ofHours(1)).build();
        loop.start();
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(TP0)));
        await().until(() -> loop.assignment().equals(Set.of(TP0)));
        add(TP0, 0, 1, 2);
        await().until(() -> handler.handled().size() == 3);

        handler.complete(TP0, 0);
        await().until(() -> loop.committedOffsets().get(TP0) != null);
        handler.complete(TP0, 1);
        handler.complete(TP0, 2);
        await().until(() -> counter("processed") == 3);
        awaitLoopIteration();
        awaitLoopIteration();
        assertThat(consumer.commitsOf(TP0)).as("the first commit at once, the next not within the hour")
                .containsExactly(1L);

        loop.close(Duration.ofSeconds(1));
        loop = null;
        assertThat(consumer.commitsOf(TP0)).as("close commits what is done").startsWith(1L).endsWith(3L);
    }

    @Test
    void countsEveryRecordHandedToTheHandlerPerTopicUnderThePythonServicesName() {
        start(10, TP0, TP1);
        add(TP0, 0, 1);
        add(TP1, 0);

        await().until(() -> handler.handled().size() == 3);

        assertThat(registry.get(KafkaFlowMetrics.CONSUMED).tag(KafkaFlowMetrics.TOPIC_TAG, TOPIC).counter().count())
                .isEqualTo(3);
    }

    @Test
    void commitsOnlyUpToHighestContiguousDoneOffsetWhenRecordsCompleteOutOfOrder() throws Exception {
        start(10, TP0);
        consumer.updateEndOffsets(Map.of(TP0, 10L));
        add(TP0, 0, 1, 2, 3);
        await().until(() -> handler.handled().size() == 4);

        handler.complete(TP0, 2);
        handler.deadLetter(TP0, 1);
        handler.complete(TP0, 3);
        await().until(() -> counter("processed") + counter("dead_lettered") == 3);
        awaitLoopIteration();
        assertThat(consumer.commitsOf(TP0)).as("nothing committed while offset 0 is not done").isEmpty();

        handler.complete(TP0, 0);

        await().until(() -> loop.committedOffsets().get(TP0) != null);
        assertThat(consumer.commitsOf(TP0)).containsExactly(4L);
        assertThat(loop.committedOffsets()).containsEntry(TP0, 4L);
        assertThat(counter("processed")).isEqualTo(3);
        assertThat(counter("dead_lettered")).isEqualTo(1);
        assertThat(registry.get("onex.consumer.lag").tag("consumer", "test").tag("topic", TOPIC)
                .tag("partition", "0").gauge().value()).isEqualTo(6.0);
    }

    @Test
    void neverCommitsPastRecordThatIsNotDoneAndRedeliversItFromThere() throws Exception {
        Duration backoff = Duration.ofMillis(300);
        start(10, backoff, Duration.ofSeconds(5), TP0);
        add(TP0, 0, 1, 2);
        await().until(() -> handler.handled().size() == 3);

        handler.complete(TP0, 0);
        handler.complete(TP0, 2);
        long failedAt = System.nanoTime();
        handler.fail(TP0, 1);

        await().until(() -> counter("redelivered") == 1);
        awaitLoopIteration();
        assertThat(consumer.position(TP0)).as("seeked back to the record that is not done").isEqualTo(1);
        assertThat(consumer.commitsOf(TP0)).allMatch(offset -> offset <= 1L);
        add(TP0, 1, 2); // the broker delivers from the sought position again

        await().until(() -> handler.handled().size() == 4);
        assertThat(Duration.ofNanos(System.nanoTime() - failedAt)).as("held back for the backoff")
                .isGreaterThanOrEqualTo(backoff);
        handler.complete(TP0, 1);
        await().until(() -> Long.valueOf(3).equals(loop.committedOffsets().get(TP0)));
        // offset 2 was done before the seek back: its outcome stands, it is not handled twice
        assertThat(handler.handled()).containsExactly(id(TP0, 0), id(TP0, 1), id(TP0, 2), id(TP0, 1));
        assertThat(consumer.commitsOf(TP0)).as("close commits what is done").startsWith(1L).endsWith(3L);
    }

    @Test
    void handlerThatThrowsCountsAsNotDoneAndLoopKeepsRunning() {
        consumer.updateBeginningOffsets(Map.of(TP0, 0L));
        loop = ConsumerLoop.builder("test", consumer).topics(List.of(TOPIC)).handler(record -> {
            throw new IllegalStateException("bug in handler");
        }).gate(FlowGate.ALWAYS_OPEN).maxInFlight(10).pollTimeout(Duration.ofMillis(50))
                .redeliveryBackoff(Duration.ofSeconds(5)).revokeTimeout(Duration.ofSeconds(1)).meterRegistry(registry)
                .build();
        loop.start();
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(TP0));
            add(TP0, 0);
        });

        await().until(() -> counter("redelivered") == 1);
        assertThat(loop.isRunning()).isTrue();
        assertThat(consumer.commitsOf(TP0)).isEmpty();
    }

    @Test
    void pausesAllPartitionsAtInFlightBoundAndResumesBelowIt() throws Exception {
        start(2, TP0, TP1);
        add(TP0, 0, 1, 2);
        await().until(() -> handler.handled().size() == 2);
        awaitLoopIteration();

        assertThat(handler.handled()).containsExactly(id(TP0, 0), id(TP0, 1));
        assertThat(consumer.paused()).as("the idle partition too").containsExactlyInAnyOrder(TP0, TP1);

        handler.complete(TP0, 0);
        await().until(() -> handler.handled().size() == 3);
        handler.complete(TP0, 1);
        handler.complete(TP0, 2);
        await().until(() -> consumer.paused().isEmpty());

        add(TP1, 0);
        await().until(() -> handler.handled().size() == 4);
        handler.complete(TP1, 0);
        await().until(() -> loop.committedOffsets().equals(Map.of(TP0, 3L, TP1, 1L)));
    }

    @Test
    void handsOutNothingWhileGateIsClosedAndResumesWhenItOpens() throws Exception {
        start(10, TP0);
        gateOpen.set(false);
        awaitLoopIteration();
        add(TP0, 0, 1);
        awaitLoopIteration();
        awaitLoopIteration();

        assertThat(handler.handled()).isEmpty();
        assertThat(consumer.paused()).containsExactly(TP0);

        gateOpen.set(true);
        await().until(() -> handler.handled().size() == 2);
        handler.complete(TP0, 0);
        handler.complete(TP0, 1);
        await().until(() -> consumer.paused().isEmpty() && Long.valueOf(2).equals(loop.committedOffsets().get(TP0)));
    }

    @Test
    void revokeWaitsForInFlightRecordsAndCommitsWhatIsDone() throws Exception {
        start(10, TP0, TP1);
        add(TP0, 0, 1);
        await().until(() -> handler.handled().size() == 2);
        handler.complete(TP0, 0);
        await().until(() -> counter("processed") == 1);

        CountDownLatch revoking = new CountDownLatch(1);
        consumer.schedulePollTask(() -> {
            revoking.countDown();
            consumer.rebalance(List.of(TP1));
        });
        assertThat(revoking.await(10, TimeUnit.SECONDS)).isTrue();
        // the loop thread is inside the revoke now; only the revoke's own wait can pick this completion up
        handler.complete(TP0, 1);

        await().until(() -> loop.assignment().equals(Set.of(TP1)));
        assertThat(consumer.commits()).anySatisfy(c -> {
            assertThat(c.sync()).isTrue();
            assertThat(c.offsets()).containsEntry(TP0, 2L);
        });
        assertThat(registry.find("onex.consumer.lag").tag("partition", "0").gauge()).isNull();
    }

    @Test
    void completionForPartitionNoLongerOwnedIsIgnored() throws Exception {
        start(10, Duration.ofSeconds(1), Duration.ofMillis(100), TP0, TP1);
        add(TP0, 0);
        await().until(() -> handler.handled().size() == 1);
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(TP1)));
        await().until(() -> loop.assignment().equals(Set.of(TP1)));

        handler.complete(TP0, 0);
        awaitLoopIteration();
        awaitLoopIteration();

        assertThat(consumer.commitsOf(TP0)).isEmpty();
        assertThat(loop.failure()).isEmpty();
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void lateCompletionFromAnEarlierAssignmentDoesNotCountForTheNextOne() throws Exception {
        start(10, Duration.ofSeconds(1), Duration.ofMillis(100), TP0, TP1);
        add(TP0, 0);
        await().until(() -> handler.handled().size() == 1);
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(TP1)));
        await().until(() -> loop.assignment().equals(Set.of(TP1)));
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(TP0, TP1));
            add(TP0, 0);
        });
        await().until(() -> handler.handled().size() == 2);

        handler.completeDelivery(TP0, 0, 0); // the first assignment's delivery finishes late
        awaitLoopIteration();
        awaitLoopIteration();
        assertThat(consumer.commitsOf(TP0)).as("the second delivery is not done yet").isEmpty();

        handler.completeDelivery(TP0, 0, 1);
        await().until(() -> Long.valueOf(1).equals(loop.committedOffsets().get(TP0)));
    }

    @Test
    void closeLetsInFlightRecordsFinishCommitsThemAndHandsOutNothingMore() throws Exception {
        start(2, TP0);
        add(TP0, 0, 1, 2);
        await().until(() -> handler.handled().size() == 2);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> loop.close(Duration.ofSeconds(10)));
        await().until(() -> consumer.wakeups() > 0); // close has begun: it wakes the loop out of its poll
        handler.complete(TP0, 1);
        handler.complete(TP0, 0);
        closing.get(20, TimeUnit.SECONDS);

        assertThat(handler.handled()).containsExactly(id(TP0, 0), id(TP0, 1));
        assertThat(consumer.commitsOf(TP0)).last().isEqualTo(2L);
        assertThat(consumer.closed()).isTrue();
        assertThat(loop.isRunning()).isFalse();
        loop.close(Duration.ofSeconds(1)); // idempotent
    }

    @Test
    void closeGivesUpOnRecordsStillInFlightAtTheTimeoutAndCommitsOnlyWhatIsDone() {
        start(10, TP0);
        add(TP0, 0, 1);
        await().until(() -> handler.handled().size() == 2);
        handler.complete(TP0, 0);
        await().until(() -> counter("processed") == 1);

        loop.close(Duration.ofMillis(200));

        assertThat(consumer.commitsOf(TP0)).last().isEqualTo(1L);
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void pollFailureStopsLoopAndIsReported() {
        start(10, TP0);

        consumer.setPollException(new KafkaException("broker gone"));

        await().until(() -> !loop.isRunning());
        assertThat(loop.failure()).get().isInstanceOf(KafkaException.class);
        assertThat(loop.assignment()).isEmpty();
    }

    @Test
    void halfOpenBreakerResumesOnlyAsManyPartitionsAsItHasTrialCallsAndTheRestOnceItCloses() throws Exception {
        start(20, TP0, TP1, TP2, TP3);
        gateOpen.set(false);
        awaitLoopIteration();
        consumer.updateEndOffsets(Map.of(TP0, 2L, TP1, 2L, TP2, 5L, TP3, 2L));
        add(TP0, 0, 1);
        add(TP1, 0, 1);
        add(TP2, 0, 1, 2, 3, 4);
        add(TP3, 0, 1);

        trials.set(1); // the open wait has passed: one trial call
        gateOpen.set(true);
        await().until(() -> handler.handled().size() == 1);
        awaitLoopIteration();
        awaitLoopIteration();

        assertThat(handler.handled()).as("one record for one trial call, from the partition furthest behind")
                .containsExactly(id(TP2, 0));
        assertThat(consumer.paused()).as("the other partitions do not fetch").contains(TP0, TP1, TP3);
        handler.complete(TP2, 0);
        await().until(() -> handler.handled().size() == 2);
        awaitLoopIteration();
        assertThat(handler.handled()).as("the next trial only after the first is done").hasSize(2);

        trials.set(-1); // the trials succeeded: the breaker closed
        await().until(() -> handler.handled().size() == 11);
        assertThat(consumer.paused()).as("every partition fetches again").isEmpty();
    }

    @Test
    void closeLeavesTheGroupSoAStaticMembersPartitionsMoveAtOnce() {
        start(10, TP0);

        loop.close(Duration.ofSeconds(1));

        assertThat(consumer.closeOptions()).isNotNull();
        assertThat(consumer.closeOptions().groupMembershipOperation())
                .isEqualTo(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    }
}
