package io.onex.runtime.pipeline;

import static io.onex.runtime.pipeline.PipelineFixture.breaker;
import static io.onex.runtime.pipeline.PipelineFixture.breakerOff;
import static io.onex.runtime.pipeline.PipelineFixture.contract;
import static io.onex.runtime.pipeline.PipelineFixture.retry;
import static io.onex.runtime.pipeline.Stages.failure;
import static io.onex.runtime.pipeline.Stages.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.onex.api.DownstreamUnavailableException;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.NodeContext;
import io.onex.api.NodeExecutionException;
import io.onex.api.NonRetryableException;
import io.onex.api.batch.BatchEffectNode;
import io.onex.api.batch.BatchItem;
import io.onex.api.batch.BatchOutcome;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.ResilienceSpec;
import io.onex.runtime.kafka.RecordOutcome;
import io.onex.runtime.payload.PayloadSchemas;
import io.onex.runtime.tracing.InMemoryTracing;
import io.onex.runtime.tracing.TraceHeaders;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The batch path of a {@link BatchEffectNode}, on the fixture's manual clock and scheduler. */
class NodeBatchRecordHandlerTest {

    private static final String TOPIC = "dev.omninode_bridge.onex.cmd.place-order.v1";

    @RegisterExtension
    final InMemoryTracing tracing = InMemoryTracing.installed();

    private final PipelineFixture fx = new PipelineFixture();

    /** A batch node answering each call with the next scripted answer, then with "all done". */
    static final class ScriptedBatchNode implements BatchEffectNode<EventEnvelope, Object> {
        final List<List<BatchItem<EventEnvelope>>> batches = new CopyOnWriteArrayList<>();
        final List<NodeContext> contexts = new CopyOnWriteArrayList<>();
        final Deque<Function<List<BatchItem<EventEnvelope>>, CompletionStage<BatchOutcome>>> script = new ArrayDeque<>();

        ScriptedBatchNode then(Function<List<BatchItem<EventEnvelope>>, CompletionStage<BatchOutcome>> answer) {
            script.add(answer);
            return this;
        }

        ScriptedBatchNode thenFail(Exception e) {
            return then(items -> CompletableFuture.failedFuture(e));
        }

        @Override
        public Class<EventEnvelope> inputType() {
            return EventEnvelope.class;
        }

        @Override
        public synchronized CompletionStage<BatchOutcome> executeBatch(List<BatchItem<EventEnvelope>> items,
                NodeContext context) {
            batches.add(items);
            contexts.add(context);
            var answer = script.poll();
            return answer == null ? CompletableFuture.completedFuture(BatchOutcome.allDone(items.size()))
                    : answer.apply(items);
        }

        @Override
        public CompletionStage<Object> executeEffect(EventEnvelope input, NodeContext context) {
            throw new AssertionError("a consumed record must take the batch path");
        }
    }

    private static EventEnvelope envelope(int i) {
        return EventEnvelope.create("PLACE_ORDER", "corr-" + i, null, java.time.Instant.parse("2026-01-01T00:00:00Z"),
                new EventSource("omninode_bridge", "orchestrator", "orch-1"), Map.of(), Map.of("id", "o-" + i));
    }

    private ConsumerRecord<byte[], byte[]> record(int i, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(TraceHeaders.TRACEPARENT, String.format("00-%032x-%016x-01", i + 1, i + 1)
                .getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(TOPIC, 0, i, 0L, TimestampType.CREATE_TIME, 0, value.length,
                ("k-" + i).getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
    }

    private List<ConsumerRecord<byte[], byte[]>> records(int n) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(record(i, fx.codec.encode(envelope(i))));
        }
        return records;
    }

    private NodeBatchRecordHandler handler(NodeContract contract, ScriptedBatchNode node, int batchSize) {
        return handler(fx.invoker(contract, node), batchSize);
    }

    private NodeBatchRecordHandler handler(NodeInvoker invoker, int batchSize) {
        return new NodeBatchRecordHandler(invoker, fx.codec, fx.router, "order-effect-1", PayloadSchemas.none(),
                batchSize);
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetters() {
        return fx.producer.history().stream().filter(r -> r.topic().equals(TOPIC + ".dlq")).toList();
    }

    private static List<RecordOutcome> values(List<? extends CompletionStage<RecordOutcome>> stages) {
        return stages.stream().map(Stages::value).toList();
    }

    @Test
    void theRecordsHandedOutTogetherAreOneCallOfTheNodeAndEachIsProcessed() {
        ScriptedBatchNode node = new ScriptedBatchNode();

        var outcomes = handler(contract(retry(3), breakerOff(), true), node, 500).handle(records(3));

        assertThat(values(outcomes)).containsOnly(RecordOutcome.PROCESSED).hasSize(3);
        assertThat(node.batches).hasSize(1);
        assertThat(node.batches.get(0)).extracting(BatchItem::correlationId).containsExactly("corr-0", "corr-1", "corr-2");
        assertThat(node.batches.get(0)).extracting(BatchItem::topic).containsOnly(TOPIC);
        assertThat(fx.counter("onex.node.calls", "outcome", "success")).as("counted per record").isEqualTo(3);
    }

    @Test
    void recordsBeyondTheBatchSizeGoToFurtherBatches() {
        ScriptedBatchNode node = new ScriptedBatchNode();

        values(handler(contract(retry(1), breakerOff(), true), node, 2).handle(records(5)));

        assertThat(node.batches).extracting(List::size).containsExactly(2, 2, 1);
        var sizes = fx.registry.find("onex.node.batch.size").tag("node", "order_effect").summary();
        assertThat(sizes.count()).isEqualTo(3);
        assertThat(sizes.totalAmount()).isEqualTo(5);
    }

    @Test
    void aPoisonItemIsDeadLetteredAloneWithItsOwnRecordAndTheOthersAreDone() {
        ScriptedBatchNode node = new ScriptedBatchNode().then(items -> CompletableFuture.completedFuture(
                BatchOutcome.of(java.util.Arrays.asList(null, new NonRetryableException("refused: o-1"), null))));

        var outcomes = handler(contract(retry(3), breakerOff(), true), node, 500).handle(records(3));

        assertThat(values(outcomes)).containsExactly(RecordOutcome.PROCESSED, RecordOutcome.DEAD_LETTERED,
                RecordOutcome.PROCESSED);
        assertThat(node.batches).as("a poison item is not retried").hasSize(1);
        assertThat(deadLetters()).hasSize(1);
        ProducerRecord<byte[], byte[]> letter = deadLetters().get(0);
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("k-1");
        assertThat(fx.json(letter).path("correlation_id").asText()).isEqualTo("corr-1");
        assertThat(fx.json(letter).toString()).contains("refused: o-1");
        assertThat(fx.counter("onex.node.dead_lettered")).isEqualTo(1);
        assertThat(fx.counter("onex.node.calls", "outcome", "success")).isEqualTo(2);
        assertThat(fx.counter("onex.node.calls", "outcome", "failure")).isEqualTo(1);
    }

    @Test
    void aRecordThatIsNoEnvelopeIsDeadLetteredAloneAndNeverReachesTheNode() {
        ScriptedBatchNode node = new ScriptedBatchNode();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(records(2));
        records.add(1, record(9, "not json".getBytes(StandardCharsets.UTF_8)));

        var outcomes = handler(contract(retry(3), breakerOff(), true), node, 500).handle(records);

        assertThat(values(outcomes)).containsExactly(RecordOutcome.PROCESSED, RecordOutcome.DEAD_LETTERED,
                RecordOutcome.PROCESSED);
        assertThat(node.batches).hasSize(1);
        assertThat(node.batches.get(0)).extracting(BatchItem::correlationId).containsExactly("corr-0", "corr-1");
        assertThat(deadLetters()).hasSize(1);
    }

    @Test
    void aFailedBatchIsRetriedAsAWholeAfterTheBackoffOnTheInjectedScheduler() {
        ScriptedBatchNode node = new ScriptedBatchNode().thenFail(new IllegalStateException("store down"));

        var outcomes = handler(contract(retry(3), breakerOff(), true), node, 500).handle(records(3));

        assertThat(node.batches).hasSize(1);
        assertThat(outcomes.get(0).toCompletableFuture()).isNotDone();
        fx.scheduler.advance(Duration.ofMillis(99));
        assertThat(node.batches).hasSize(1);
        fx.scheduler.advance(Duration.ofMillis(1));

        assertThat(node.batches).hasSize(2);
        assertThat(node.batches.get(1)).hasSize(3);
        assertThat(node.contexts.get(1).attempt()).isEqualTo(2);
        assertThat(values(outcomes)).containsOnly(RecordOutcome.PROCESSED);
        assertThat(fx.backoffDelays()).containsExactly(Duration.ofMillis(100));
        assertThat(fx.counter("onex.node.retries")).isEqualTo(1);
    }

    @Test
    void theAttemptsOfOneBatchShareTheStateTheNodeKeepsAndAnotherBatchHasItsOwn() {
        ScriptedBatchNode node = new ScriptedBatchNode().thenFail(new IllegalStateException("store down"));
        var handler = handler(contract(retry(3), breakerOff(), true), node, 500);

        handler.handle(records(2));
        fx.scheduler.advance(Duration.ofMillis(100));
        handler.handle(records(2));

        assertThat(node.contexts).hasSize(3);
        Object first = node.contexts.get(0).callState(Object::new);
        assertThat(node.contexts.get(1).callState(Object::new)).as("the retry of the same batch").isSameAs(first);
        assertThat(node.contexts.get(2).callState(Object::new)).as("the next batch").isNotSameAs(first);
    }

    @Test
    void aBatchFailingEveryAttemptIsDeadLetteredRecordByRecord() {
        ScriptedBatchNode node = new ScriptedBatchNode().thenFail(new IllegalStateException("bad 1"))
                .thenFail(new IllegalStateException("bad 2"));

        var outcomes = handler(contract(retry(2), breakerOff(), true), node, 500).handle(records(2));
        fx.scheduler.advance(Duration.ofMillis(100));

        assertThat(values(outcomes)).containsOnly(RecordOutcome.DEAD_LETTERED);
        assertThat(deadLetters()).hasSize(2);
        assertThat(fx.counter("onex.node.dead_lettered")).isEqualTo(2);
    }

    @Test
    void aBatchFailureCountsOnceAgainstTheBreakerAndAnOpenBreakerLeavesEveryRecordNotDone() {
        ScriptedBatchNode node = new ScriptedBatchNode().thenFail(new IllegalStateException("down 1"))
                .thenFail(new IllegalStateException("down 2")).thenFail(new IllegalStateException("down 3"));
        NodeInvoker invoker = fx.invoker(contract(retry(1), breaker(false), false), node);
        NodeBatchRecordHandler handler = handler(invoker, 500);

        handler.handle(records(5)).forEach(Stages::failure);
        assertThat(invoker.breakerState().wireName()).as("5 records, one batch: one failure of 3").isEqualTo("closed");
        handler.handle(records(5)).forEach(Stages::failure);
        handler.handle(records(5)).forEach(Stages::failure);
        assertThat(invoker.breakerState().wireName()).isEqualTo("open");

        var rejected = handler.handle(records(4));

        assertThat(node.batches).as("not called while open").hasSize(3);
        for (var stage : rejected) {
            Throwable notDone = failure(stage);
            assertThat(notDone).isInstanceOf(NodeExecutionException.class);
            assertThat(((NodeExecutionException) notDone).deadLettered()).isFalse();
            assertThat(notDone.getCause()).isInstanceOf(CallNotPermittedException.class);
        }
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void anOpenBreakerDeadLettersEveryRecordAloneWhenTheContractSaysSo() {
        ScriptedBatchNode node = new ScriptedBatchNode();
        for (int i = 0; i < 3; i++) {
            node.thenFail(new IllegalStateException("down"));
        }
        NodeBatchRecordHandler handler = handler(contract(retry(1), breaker(true), true), node, 500);
        for (int i = 0; i < 3; i++) {
            values(handler.handle(records(1)));
        }
        int before = deadLetters().size();

        assertThat(values(handler.handle(records(2)))).containsOnly(RecordOutcome.DEAD_LETTERED);
        assertThat(deadLetters()).hasSize(before + 2);
    }

    @Test
    void aDownstreamOutageLeavesTheRecordsNotDoneAfterTheRetriesInsteadOfDeadLetteringThem() {
        ScriptedBatchNode node = new ScriptedBatchNode().thenFail(new DownstreamUnavailableException("db away"))
                .thenFail(new DownstreamUnavailableException("db away"));

        var outcomes = handler(contract(retry(2), breakerOff(), true), node, 500).handle(records(2));
        fx.scheduler.advance(Duration.ofMillis(100));

        assertThat(node.batches).hasSize(2);
        outcomes.forEach(stage -> assertThat(((NodeExecutionException) failure(stage)).deadLettered()).isFalse());
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void aBatchAttemptThatOutlivesTheTimeoutIsRetried() {
        ScriptedBatchNode node = new ScriptedBatchNode().then(items -> new CompletableFuture<>());
        NodeContract contract = contract(new ResilienceSpec(Duration.ofSeconds(2), retry(2), breakerOff()), true);

        var outcomes = handler(contract, node, 500).handle(records(2));
        fx.scheduler.advance(Duration.ofMillis(1999));
        assertThat(node.batches).hasSize(1);
        fx.scheduler.advance(Duration.ofMillis(1));
        fx.scheduler.advance(Duration.ofMillis(100));

        assertThat(node.batches).hasSize(2);
        assertThat(values(outcomes)).containsOnly(RecordOutcome.PROCESSED);
    }

    @Test
    void anItemThatFailedRetryablyGoesAloneToTheNextAttempt() {
        ScriptedBatchNode node = new ScriptedBatchNode().then(items -> CompletableFuture.completedFuture(
                BatchOutcome.of(java.util.Arrays.asList(null, new IllegalStateException("lock timeout"), null))));

        var outcomes = handler(contract(retry(2), breakerOff(), true), node, 500).handle(records(3));
        fx.scheduler.advance(Duration.ofMillis(100));

        assertThat(node.batches).hasSize(2);
        assertThat(node.batches.get(1)).extracting(BatchItem::correlationId).containsExactly("corr-1");
        assertThat(values(outcomes)).containsOnly(RecordOutcome.PROCESSED);
    }

    @Test
    void theBatchSpanLinksToTheTraceOfEveryRecord() {
        ScriptedBatchNode node = new ScriptedBatchNode();

        values(handler(contract(retry(1), breakerOff(), true), node, 500).handle(records(3)));

        SpanData span = tracing.span("onex.node order_effect");
        assertThat(span.getAttributes().asMap().toString()).contains("onex.batch.size=3");
        assertThat(span.getLinks()).extracting(l -> l.getSpanContext().getTraceId()).containsExactly(
                String.format("%032x", 1), String.format("%032x", 2), String.format("%032x", 3));
        assertThat(span.getLinks()).extracting(LinkData::getSpanContext)
                .extracting(c -> c.getSpanId()).containsExactly(String.format("%016x", 1), String.format("%016x", 2),
                        String.format("%016x", 3));
    }
}
