package io.onex.runtime.pipeline;

import static io.onex.runtime.pipeline.PipelineFixture.breakerOff;
import static io.onex.runtime.pipeline.PipelineFixture.contract;
import static io.onex.runtime.pipeline.PipelineFixture.retry;
import static io.onex.runtime.pipeline.Stages.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.api.DownstreamUnavailableException;
import io.onex.api.NodeExecutionException;
import io.onex.api.contract.NodeContract;
import io.onex.api.contract.TopicsSpec;
import io.onex.api.contract.RetrySpec;
import io.onex.runtime.deadletter.DeadLetterException;
import io.onex.runtime.deadletter.DeadLetterRouter;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class NodeInvokerDeadLetterTest {

    private final PipelineFixture fx = new PipelineFixture();
    private final ScriptedNode.Order order = new ScriptedNode.Order("o-1", 2);

    @Test
    void directCallIsDeadLetteredToTheContractsFirstPublishedTopicWithItsInputAsJson() throws Exception {
        NodeInvoker invoker = fx.invoker(contract(retry(1), breakerOff(), true),
                ScriptedNode.alwaysFailing(new IllegalStateException("warehouse unreachable")));

        failure(invoker.invoke(order, CallOptions.builder().correlationId("corr-7").build()));

        var record = fx.producer.history().get(0);
        assertThat(record.topic()).isEqualTo(PipelineFixture.PUBLISH_DLQ);
        JsonNode v = fx.json(record);
        assertThat(v.get("original_topic").asText()).isEqualTo(PipelineFixture.PUBLISH_TOPIC);
        assertThat(v.get("original_partition").isNull()).isTrue();
        assertThat(v.get("original_offset").isNull()).isTrue();
        byte[] input = Base64.getDecoder().decode(v.get("original_value_base64").asText());
        assertThat(fx.mapper.readValue(input, ScriptedNode.Order.class)).isEqualTo(order);
        assertThat(v.get("error").get("type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(v.get("error").get("message").asText()).isEqualTo("warehouse unreachable");
        assertThat(v.get("retry_count").asInt()).isEqualTo(1);
        assertThat(v.get("node_id").asText()).isEqualTo("order-effect-1");
        assertThat(v.get("correlation_id").asText()).isEqualTo("corr-7");
        assertThat(new String(record.key())).isEqualTo("corr-7");
    }

    @Test
    void aDownstreamOutageIsRetriedButNeverDeadLetteredSoARecordComesAgain() {
        NodeInvoker invoker = fx.invoker(contract(retry(3), breakerOff(), true), ScriptedNode.alwaysFailing(
                new DownstreamUnavailableException("database down", new java.sql.SQLException("connection refused"))));

        CompletionStage<Object> call = invoker.invoke(order, CallOptions.builder().correlationId("corr-8").build());
        fx.scheduler.advance(Duration.ofSeconds(10)); // every retry's backoff

        NodeExecutionException e = (NodeExecutionException) failure(call);
        assertThat(e.deadLettered()).isFalse();
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(fx.producer.history()).isEmpty();
    }

    @Test
    void callerChosenTopicWinsOverTheContracts() {
        NodeInvoker invoker = fx.invoker(contract(retry(1), breakerOff(), true),
                ScriptedNode.alwaysFailing(new IllegalStateException("x")));

        failure(invoker.invoke(order, CallOptions.builder().deadLetterTopic("legacy_orders_v1").build()));

        assertThat(fx.producer.history()).extracting(r -> r.topic()).containsExactly("legacy_orders_v1.dlq");
    }

    @Test
    void nodeWithoutTopicsHasNoDeadLetterTopicAndFailsBackToTheCaller() {
        NodeContract base = contract(retry(1), breakerOff(), true);
        NodeContract noTopics = new NodeContract(base.name(), base.version(), base.nodeType(), base.description(),
                base.implementation(), TopicsSpec.none(), base.resilience(), true, base.heartbeatInterval(),
                base.consumer(), base.config(), base.source());
        NodeInvoker invoker = fx.invoker(noTopics, ScriptedNode.alwaysFailing(new IllegalStateException("x")));

        NodeExecutionException e = (NodeExecutionException) failure(invoker.invoke(order, CallOptions.none()));

        assertThat(e.deadLettered()).isFalse();
        assertThat(fx.producer.history()).isEmpty();
    }

    @Test
    void finalFailureMessageSeenByTheCallerHasSecretsRedacted() {
        NodeContract base = contract(retry(1), breakerOff(), true);
        NodeContract noTopics = new NodeContract(base.name(), base.version(), base.nodeType(), base.description(),
                base.implementation(), TopicsSpec.none(), base.resilience(), true, base.heartbeatInterval(),
                base.consumer(), base.config(), base.source());
        NodeInvoker invoker = fx.invoker(noTopics,
                ScriptedNode.alwaysFailing(new IllegalStateException("login refused: password=hunter2")));

        NodeExecutionException e = (NodeExecutionException) failure(invoker.invoke(order, CallOptions.none()));

        assertThat(e.getMessage()).contains("IllegalStateException: login refused: password=").doesNotContain("hunter2");
    }

    @Test
    void deadLetterWriteFailingForGoodReachesTheCallerWithTheOriginalFailureAttached() {
        MockProducer<byte[], byte[]> broken =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        DeadLetterRouter brokenRouter = new DeadLetterRouter(broken, fx.mapper, fx.clock, fx.scheduler,
                new RetrySpec(2, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1), 0, List.of(), List.of()),
                fx.registry);
        NodeInvoker invoker = fx.invoker(contract(retry(1), breakerOff(), true),
                ScriptedNode.alwaysFailing(new IllegalStateException("original problem")), brokenRouter);

        CompletionStage<Object> call = invoker.invoke(order, CallOptions.none());
        assertThat(broken.errorNext(new KafkaException("broker gone"))).isTrue();
        fx.scheduler.advance(Duration.ofMillis(50));
        assertThat(broken.errorNext(new KafkaException("broker still gone"))).isTrue();

        Throwable t = failure(call);
        assertThat(t).isInstanceOf(DeadLetterException.class);
        assertThat(t.getCause()).hasMessage("broker still gone");
        assertThat(t.getSuppressed()).singleElement().isInstanceOfSatisfying(NodeExecutionException.class,
                e -> assertThat(e.getCause()).hasMessage("original problem"));
        assertThat(fx.counter("onex.dlq.failures", "topic", PipelineFixture.PUBLISH_DLQ)).isEqualTo(1);
        assertThat(fx.counter("onex.node.dead_lettered", "node", "order_effect")).isZero();
        assertThat(fx.counter("onex.node.calls", "node", "order_effect", "outcome", "failure")).isEqualTo(1);
        assertThat(invoker.activeCalls()).isZero();
    }
}
