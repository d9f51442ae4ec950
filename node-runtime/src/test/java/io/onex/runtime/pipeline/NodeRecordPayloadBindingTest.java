package io.onex.runtime.pipeline;

import static io.onex.runtime.pipeline.PipelineFixture.breakerOff;
import static io.onex.runtime.pipeline.PipelineFixture.contract;
import static io.onex.runtime.pipeline.PipelineFixture.retry;
import static io.onex.runtime.pipeline.Stages.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.RawJsonObject;
import io.onex.runtime.kafka.RecordOutcome;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** A consumed payload reaches a node whose input type is a class bound straight from its JSON text. */
class NodeRecordPayloadBindingTest {

    private static final String TOPIC = "dev.omninode_bridge.onex.cmd.place-order.v1";

    private final PipelineFixture fx = new PipelineFixture();

    private ConsumerRecord<byte[], byte[]> record(Map<String, ?> payload) {
        EventEnvelope e = EventEnvelope.create("PLACE_ORDER", "corr-5", null, fx.clock.instant(),
                new EventSource("omninode_bridge", "orchestrator", "orch-1"), Map.of(), payload);
        byte[] value = fx.codec.encode(e);
        return new ConsumerRecord<>(TOPIC, 1, 77L, 0L, TimestampType.CREATE_TIME, 0, value.length,
                "k-5".getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(), Optional.empty());
    }

    private NodeRecordHandler handler(ScriptedNode node) {
        return new NodeRecordHandler(fx.invoker(contract(retry(1), breakerOff(), true), node), fx.codec, fx.router,
                "order-effect-1");
    }

    @Test
    void thePayloadIsBoundToTheNodesClassWithoutBeingReadAsAMap() {
        ScriptedNode node = ScriptedNode.alwaysSucceeding();

        RecordOutcome outcome = value(handler(node).handle(record(Map.of("id", "o-5", "quantity", 4, "note", "x"))));

        assertThat(outcome).isEqualTo(RecordOutcome.PROCESSED);
        assertThat(node.inputs).containsExactly(new ScriptedNode.Order("o-5", 4));
        EventEnvelope trigger = node.contexts.get(0).trigger().orElseThrow();
        assertThat(trigger.payload()).isInstanceOf(RawJsonObject.class);
        assertThat(((RawJsonObject) trigger.payload()).isRead()).isFalse();
    }

    @Test
    void aPayloadThatIsNoInstanceOfTheClassIsDeadLetteredWithTheMessageAConversionOfItsMapGives() throws Exception {
        ScriptedNode node = ScriptedNode.alwaysSucceeding();
        Map<String, Object> payload = Map.of("id", "o-5", "quantity", "many");
        Throwable converted = catchThrowable(() -> fx.codec.mapper().convertValue(payload, ScriptedNode.Order.class));

        RecordOutcome outcome = value(handler(node).handle(record(payload)));

        assertThat(outcome).isEqualTo(RecordOutcome.DEAD_LETTERED);
        assertThat(node.calls()).isZero();
        JsonNode letter = fx.json(fx.producer.history().get(0));
        assertThat(letter.get("error").get("type").asText()).isEqualTo("io.onex.api.InvalidInputException");
        assertThat(letter.get("error").get("message").asText()).isEqualTo("input of node order_effect cannot be"
                + " converted to Order: " + converted.getMessage().lines().findFirst().orElseThrow());
    }
}
