package io.onex.runtime.kafka;

import static io.onex.runtime.kafka.ControlledHandler.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A consumer loop handing the records it fetched to a {@link BatchRecordHandler} in one call. */
class ConsumerLoopBatchTest {

    private static final String TOPIC = "dev.omninode_bridge.onex.evt.batch.v1";
    private static final TopicPartition TP0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition TP1 = new TopicPartition(TOPIC, 1);

    private final BlockingMockConsumer consumer = new BlockingMockConsumer();
    private final ControlledHandler records = new ControlledHandler();
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final BatchRecordHandler batchHandler = batch -> {
        batches.add(batch.stream().map(r -> id(new TopicPartition(r.topic(), r.partition()), r.offset())).toList());
        return batch.stream().map(r -> (CompletionStage<RecordOutcome>) records.handle(r)).toList();
    };
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ConsumerLoop loop;

    @AfterEach
    void closeLoop() {
        if (loop != null) {
            loop.close(Duration.ofSeconds(1));
        }
    }

    private void start(int maxInFlight, TopicPartition... owned) {
        consumer.updateBeginningOffsets(Map.of(TP0, 0L, TP1, 0L));
        loop = ConsumerLoop.builder("test", consumer).topics(List.of(TOPIC)).batchHandler(batchHandler, 3)
                .maxInFlight(maxInFlight).pollTimeout(Duration.ofMillis(50)).redeliveryBackoff(Duration.ofMillis(200))
                .meterRegistry(registry).build();
        loop.start();
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(owned)));
        await().until(() -> loop.assignment().equals(Set.of(owned)));
    }

    private void add(TopicPartition tp, long... offsets) {
        for (long o : offsets) {
            consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), o, null, ("v" + o).getBytes()));
        }
    }

    private double counter(String outcome) {
        return registry.get("onex.consumer.records").tag("consumer", "test").tag("outcome", outcome).counter().count();
    }

    @Test
    void theRecordsOfAPollAcrossPartitionsGoToTheHandlerInOneCall() {
        start(100, TP0, TP1);
        consumer.schedulePollTask(() -> {
            add(TP0, 0, 1);
            add(TP1, 0);
        });

        await().until(() -> records.handled().size() == 3);

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).containsExactlyInAnyOrder(id(TP0, 0), id(TP0, 1), id(TP1, 0));
        assertThat(batches.get(0).indexOf(id(TP0, 0))).as("a partition's records in offset order")
                .isLessThan(batches.get(0).indexOf(id(TP0, 1)));
    }

    /** Returns once the loop has gone round once more (poll tasks run at the start of its next poll). */
    private void awaitLoopIteration() throws InterruptedException {
        CountDownLatch polled = new CountDownLatch(1);
        consumer.schedulePollTask(polled::countDown);
        assertThat(polled.await(10, TimeUnit.SECONDS)).as("loop polled again").isTrue();
    }

    @Test
    void whileABatchIsInFlightTheNextGathersUntilItHoldsBatchSizeRecords() throws Exception {
        start(100, TP0, TP1);
        consumer.schedulePollTask(() -> add(TP0, 0, 1));
        await().until(() -> batches.size() == 1);

        consumer.schedulePollTask(() -> add(TP1, 0));
        awaitLoopIteration();
        awaitLoopIteration();
        assertThat(batches).as("one record fetched, a batch in flight: it waits").hasSize(1);

        consumer.schedulePollTask(() -> add(TP0, 2, 3));
        await().until(() -> batches.size() == 2);
        assertThat(batches.get(1)).containsExactlyInAnyOrder(id(TP1, 0), id(TP0, 2), id(TP0, 3));

        records.complete(TP0, 0);
        records.complete(TP0, 1);
        records.complete(TP1, 0);
        records.complete(TP0, 2);
        records.complete(TP0, 3);
        consumer.schedulePollTask(() -> add(TP1, 1));
        await("nothing in flight: whatever is fetched goes").until(() -> batches.size() == 3);
        assertThat(batches.get(2)).containsExactly(id(TP1, 1));
    }

    @Test
    void commitsOnlyPastTheRecordsOfABatchThatAreDoneAndRedeliversTheFirstThatIsNot() {
        start(100, TP0);
        consumer.schedulePollTask(() -> add(TP0, 0, 1, 2, 3));
        await().until(() -> records.handled().size() == 4);

        records.complete(TP0, 0);
        records.deadLetter(TP0, 1);
        records.fail(TP0, 2);
        records.complete(TP0, 3);

        await().until(() -> counter("redelivered") == 1);
        await().until(() -> Long.valueOf(2).equals(loop.committedOffsets().get(TP0)));
        assertThat(counter("processed")).isEqualTo(2);
        assertThat(counter("dead_lettered")).isEqualTo(1);
        add(TP0, 2, 3); // delivered again from the record that was not done
        await().until(() -> records.handled().size() == 5);
        assertThat(batches.get(1)).as("offset 3 was done: not handed out again").containsExactly(id(TP0, 2));
        records.complete(TP0, 2);
        await().until(() -> Long.valueOf(4).equals(loop.committedOffsets().get(TP0)));
        assertThat(consumer.commitsOf(TP0)).allMatch(offset -> offset <= 4L);
    }

    @Test
    void aBatchHandlerThatThrowsLeavesEveryRecordOfTheBatchNotDone() {
        consumer.updateBeginningOffsets(Map.of(TP0, 0L));
        loop = ConsumerLoop.builder("test", consumer).topics(List.of(TOPIC)).batchHandler(batch -> {
            throw new IllegalStateException("bug in handler");
        }, 3).maxInFlight(10).pollTimeout(Duration.ofMillis(50)).redeliveryBackoff(Duration.ofSeconds(5))
                .meterRegistry(registry).build();
        loop.start();
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(TP0));
            add(TP0, 0, 1);
        });

        await().until(() -> counter("redelivered") >= 1);
        assertThat(loop.isRunning()).isTrue();
        assertThat(consumer.commitsOf(TP0)).isEmpty();
    }

    @Test
    void aLoopTakesEitherAHandlerOrABatchHandler() {
        assertThatThrownBy(() -> ConsumerLoop.builder("test", consumer).topics(List.of(TOPIC)).handler(records)
                .batchHandler(batchHandler, 3).meterRegistry(registry).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("consumer test: exactly one of handler and batchHandler must be set, but both were");
    }
}
