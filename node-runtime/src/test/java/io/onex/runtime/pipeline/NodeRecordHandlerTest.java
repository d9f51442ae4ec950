package io.onex.runtime.pipeline;

import static io.onex.runtime.pipeline.PipelineFixture.breaker;
import static io.onex.runtime.pipeline.PipelineFixture.breakerOff;
import static io.onex.runtime.pipeline.PipelineFixture.contract;
import static io.onex.runtime.pipeline.PipelineFixture.retry;
import static io.onex.runtime.pipeline.Stages.failure;
import static io.onex.runtime.pipeline.Stages.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.api.EffectNode;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.NodeContext;
import io.onex.api.NodeExecutionException;
import io.onex.api.contract.RetrySpec;
import io.onex.runtime.deadletter.DeadLetterException;
import io.onex.runtime.deadletter.DeadLetterHeaders;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.kafka.RecordOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class NodeRecordHandlerTest {

    private static final String TOPIC = "dev.omninode_bridge.onex.cmd.place-order.v1";

    private final PipelineFixture fx = new PipelineFixture();
    private final EventEnvelope envelope = EventEnvelope.create("PLACE_ORDER", "corr-5", null, fx.clock.instant(),
            new EventSource("omninode_bridge", "orchestrator", "orch-1"), Map.of(), Map.of("id", "o-5", "quantity", 4));

    private ConsumerRecord<byte[], byte[]> record(byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("correlation_id", "corr-from-header".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(TOPIC, 1, 77L, 0L, TimestampType.CREATE_TIME, 0, value == null ? 0 : value.length,
                "k-5".getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
    }

    private NodeRecordHandler handler(NodeInvoker invoker) {
        return new NodeRecordHandler(invoker, fx.codec, fx.router, "order-effect-1");
    }

    @Test
    void validRecordIsProcessedWithItsPayloadConvertedAndItsIdsInTheContext() {
        ScriptedNode node = ScriptedNode.alwaysSucceeding();
        NodeRecordHandler handler = handler(fx.invoker(contract(retry(1), breakerOff(), true), node));

        RecordOutcome outcome = value(handler.handle(record(fx.codec.encode(envelope))));

        assertThat(outcome).isEqualTo(RecordOutcome.PROCESSED);
        assertThat(node.inputs).containsExactly(new ScriptedNode.Order("o-5", 4));
        NodeContext ctx = node.contexts.get(0);
        assertThat(ctx.correlationId()).isEqualTo("corr-5");
        assertThat(ctx.causationId()).contains(envelope.eventId());
        assertThat(ctx.trigger()).contains(envelope);
    }

    @Test
    void nodeTakingEnvelopesReceivesTheWholeEnvelope() {
        List<EventEnvelope> seen = new CopyOnWriteArrayList<>();
        EffectNode<EventEnvelope, Object> forwarder = new EffectNode<>() {
            @Override
            public Class<EventEnvelope> inputType() {
                return EventEnvelope.class;
            }

            @Override
            public CompletionStage<Object> executeEffect(EventEnvelope input, NodeContext context) {
                seen.add(input);
                return CompletableFuture.completedFuture(null);
            }
        };
        NodeRecordHandler handler = handler(fx.invoker(contract(retry(1), breakerOff(), true), forwarder));

        assertThat(value(handler.handle(record(fx.codec.encode(envelope))))).isEqualTo(RecordOutcome.PROCESSED);
        assertThat(seen).containsExactly(envelope);
    }

    @Test
    void undecodableBytesAreDeadLetteredRawAsBase64() throws Exception {
        ScriptedNode node = ScriptedNode.alwaysSucceeding();
        NodeRecordHandler handler = handler(fx.invoker(contract(retry(3), breakerOff(), true), node));
        byte[] garbage = "{\"event_id\": 12".getBytes(StandardCharsets.UTF_8);

        RecordOutcome outcome = value(handler.handle(record(garbage)));

        assertThat(outcome).isEqualTo(RecordOutcome.DEAD_LETTERED);
        assertThat(node.calls()).isZero();
        var dlq = fx.producer.history().get(0);
        assertThat(dlq.topic()).isEqualTo(TOPIC + ".dlq");
        assertThat(new String(dlq.key(), StandardCharsets.UTF_8)).isEqualTo("k-5");
        JsonNode v = fx.json(dlq);
        assertThat(Base64.getDecoder().decode(v.get("original_value_base64").asText())).isEqualTo(garbage);
        assertThat(v.get("original_topic").asText()).isEqualTo(TOPIC);
        assertThat(v.get("original_partition").asInt()).isEqualTo(1);
        assertThat(v.get("original_offset").asLong()).isEqualTo(77);
        assertThat(v.get("error").get("type").asText()).isEqualTo("io.onex.api.InvalidInputException");
        assertThat(v.get("error").get("message").asText()).startsWith("record value is not valid JSON");
        assertThat(v.get("retry_count").asInt()).isZero();
        assertThat(v.get("correlation_id").asText()).isEqualTo("corr-from-header");
    }

    @Test
    void recordFailingForGoodIsDeadLetteredWithItsEnvelopeAndPosition() throws Exception {
        ScriptedNode node = ScriptedNode.alwaysFailing(new IllegalStateException("stock service down"));
        NodeRecordHandler handler = handler(fx.invoker(contract(retry(2), breakerOff(), true), node));

        CompletionStage<RecordOutcome> outcome = handler.handle(record(fx.codec.encode(envelope)));
        fx.scheduler.advance(Duration.ofMillis(100));

        assertThat(value(outcome)).isEqualTo(RecordOutcome.DEAD_LETTERED);
        var dlq = fx.producer.history().get(0);
        assertThat(dlq.topic()).isEqualTo(TOPIC + ".dlq");
        JsonNode v = fx.json(dlq);
        assertThat(v.get("original_envelope").get("event_id").asText()).isEqualTo(envelope.eventId());
        assertThat(v.get("original_offset").asLong()).isEqualTo(77);
        assertThat(v.get("retry_count").asInt()).isEqualTo(2);
        assertThat(v.get("correlation_id").asText()).isEqualTo("corr-5");
        assertThat(new String(dlq.headers().lastHeader("correlation_id").value(), StandardCharsets.UTF_8))
                .as("original headers ride along").isEqualTo("corr-from-header");
        assertThat(new String(dlq.headers().lastHeader(DeadLetterHeaders.ORIGINAL_PARTITION).value(),
                StandardCharsets.UTF_8)).isEqualTo("1");
    }

    @Test
    void recordIsNotDoneWhileTheBreakerIsOpenAndDoesNotDeadLetterOnOpen() {
        ScriptedNode node = ScriptedNode.alwaysFailing(new IllegalStateException("down"));
        NodeInvoker invoker = fx.invoker(contract(retry(1), breaker(false), true), node);
        NodeRecordHandler handler = handler(invoker);
        for (int i = 0; i < 3; i++) {
            assertThat(value(handler.handle(record(fx.codec.encode(envelope))))).isEqualTo(RecordOutcome.DEAD_LETTERED);
        }
        assertThat(invoker.flowGate().acceptsWork()).isFalse();

        Throwable notDone = failure(handler.handle(record(fx.codec.encode(envelope))));

        assertThat(notDone).isInstanceOf(NodeExecutionException.class)
                .hasCauseInstanceOf(CallNotPermittedException.class);
        assertThat(fx.producer.history()).hasSize(3);
        assertThat(node.calls()).isEqualTo(3);
    }

    @Test
    void recordIsNotDoneWhenTheDeadLetterWriteFails() {
        MockProducer<byte[], byte[]> broken =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        DeadLetterRouter brokenRouter = new DeadLetterRouter(broken, fx.mapper, fx.clock, fx.scheduler,
                new RetrySpec(1, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1), 0, List.of(), List.of()),
                fx.registry);
        NodeInvoker invoker = fx.invoker(contract(retry(1), breakerOff(), true),
                ScriptedNode.alwaysFailing(new IllegalStateException("down")), brokenRouter);
        NodeRecordHandler handler = new NodeRecordHandler(invoker, fx.codec, brokenRouter, "order-effect-1");

        CompletionStage<RecordOutcome> outcome = handler.handle(record(fx.codec.encode(envelope)));
        broken.errorNext(new KafkaException("dlq topic unavailable"));

        assertThat(failure(outcome)).isInstanceOf(DeadLetterException.class);
    }
}
