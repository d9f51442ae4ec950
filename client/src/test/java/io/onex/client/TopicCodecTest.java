package io.onex.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.InvalidInputException;
import io.onex.client.proto.ChangeRequest;
import io.onex.client.proto.PlanCreated;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class TopicCodecTest {

    record OrderPlaced(String orderId, int quantity) {
    }

    private final EnvelopeCodec envelopes = new EnvelopeCodec();
    private final TopicCodec codec = new TopicCodec(envelopes);

    /** One round-trip contract, three wire formats: what goes in comes out as the topic's type. */
    static Stream<Arguments> wires() {
        return Stream.of(
                Arguments.of(new TopicType(Wire.ONEX_JSON, OrderPlaced.class), new OrderPlaced("o-1", 3)),
                Arguments.of(new TopicType(Wire.RAW_JSON, OrderPlaced.class), new OrderPlaced("o-2", 5)),
                Arguments.of(new TopicType(Wire.PROTOBUF, PlanCreated.class),
                        PlanCreated.newBuilder().setPlanId("p-1").setTitle("refactor").setSteps(4).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void roundTripsValueAsItsTopicsType(TopicType type, Object value) {
        byte[] bytes = encode(type, value);

        TopicCodec.Decoded decoded = codec.decode("t", type, bytes);

        assertThat(decoded.value()).isEqualTo(value);
        assertThat(decoded.envelope() != null).isEqualTo(type.wire() == Wire.ONEX_JSON);
    }

    @Test
    void onexPayloadIsTheValuesJsonObjectInSnakeCaseFreeFieldNames() {
        assertThat(codec.toPayload(new OrderPlaced("o-1", 3))).containsExactly(
                Map.entry("orderId", "o-1"), Map.entry("quantity", 3));
    }

    @Test
    void unmappedOnexTopicDecodesPayloadAsMap() {
        byte[] bytes = encode(TopicType.onexDefault(), Map.of("name", "x"));

        assertThat(codec.decode("t", TopicType.onexDefault(), bytes).value()).isEqualTo(Map.of("name", "x"));
    }

    @Test
    void protobufBytesOfAnotherMessageTypeAreRejectedNamingTheType() {
        byte[] plan = PlanCreated.newBuilder().setPlanId("p-1").setTitle("t").setSteps(2).build().toByteArray();
        TopicType type = new TopicType(Wire.PROTOBUF, ChangeRequest.class);

        assertThatThrownBy(() -> codec.decode("plans", type, plan))
                .isInstanceOf(UndecodableValueException.class)
                .hasMessageStartingWith("value of plans does not decode as protobuf message "
                        + "io.onex.client.proto.ChangeRequest: ");
    }

    @Test
    void jsonBytesOnAProtobufTopicAreRejectedNamingTheType() {
        byte[] json = "{\"plan_id\":\"p-1\"}".getBytes(StandardCharsets.UTF_8);
        TopicType type = new TopicType(Wire.PROTOBUF, PlanCreated.class);

        assertThatThrownBy(() -> codec.decode("plans", type, json))
                .isInstanceOf(UndecodableValueException.class)
                .hasMessageContaining("does not decode as protobuf message io.onex.client.proto.PlanCreated");
    }

    @Test
    void jsonOfAnotherShapeIsRejectedNamingTheTypeAndField() {
        byte[] json = "{\"orderId\":\"o-1\",\"quantity\":\"many\"}".getBytes(StandardCharsets.UTF_8);
        TopicType type = new TopicType(Wire.RAW_JSON, OrderPlaced.class);

        assertThatThrownBy(() -> codec.decode("orders", type, json))
                .isInstanceOf(UndecodableValueException.class)
                .hasMessageStartingWith("value of orders does not decode as JSON " + OrderPlaced.class.getName())
                .hasMessageContaining("many");
    }

    @Test
    void envelopePayloadOfAnotherShapeIsRejectedNamingTheType() {
        byte[] bytes = encode(TopicType.onexDefault(), Map.of("orderId", "o-1", "quantity", "many"));
        TopicType type = new TopicType(Wire.ONEX_JSON, OrderPlaced.class);

        assertThatThrownBy(() -> codec.decode("orders", type, bytes))
                .isInstanceOf(UndecodableValueException.class)
                .hasMessageStartingWith("value of orders does not decode as ONEX envelope with payload "
                        + OrderPlaced.class.getName());
    }

    @Test
    void bytesThatAreNoEnvelopeAreRejectedOnAnOnexTopic() {
        assertThatThrownBy(() -> codec.decode("orders", TopicType.onexDefault(), "not json".getBytes()))
                .isInstanceOf(UndecodableValueException.class)
                .hasMessageStartingWith("value of orders does not decode as ONEX envelope with payload java.util.Map");
    }

    @Test
    void nonMessageValueOnAProtobufTopicIsRefusedWhenEncoding() {
        assertThatThrownBy(() -> codec.encodeRaw(Wire.PROTOBUF, Map.of("a", 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("a protobuf topic takes protobuf messages, but was given ");
    }

    @Test
    void protobufTopicTypeMustBeAMessageClass() {
        assertThatThrownBy(() -> new TopicType(Wire.PROTOBUF, String.class))
                .hasMessage("a protobuf topic's type must be a generated protobuf message class"
                        + " (com.google.protobuf.Message), but was java.lang.String");
    }

    @Test
    void topicMappedTwiceIsRefusedNamingBothTypes() {
        assertThatThrownBy(() -> TopicTypes.builder().json("t", OrderPlaced.class).protobuf("t", PlanCreated.class))
                .hasMessage("topic t is mapped twice: to ONEX envelope with payload " + OrderPlaced.class.getName()
                        + " and to protobuf message io.onex.client.proto.PlanCreated");
    }

    @Test
    void eventTypeIsTheValuesClassInUpperSnakeCase() {
        assertThat(OnexClient.eventType(new OrderPlaced("o", 1))).isEqualTo("ORDER_PLACED");
        assertThat(OnexClient.eventType(Map.of())).isEqualTo("MESSAGE");
    }

    private byte[] encode(TopicType type, Object value) {
        if (type.wire() != Wire.ONEX_JSON) {
            return codec.encodeRaw(type.wire(), value);
        }
        return envelopes.encode(EventEnvelope.create("ORDER_PLACED", "c-1", null, Instant.parse("2026-01-01T00:00:00Z"),
                new EventSource("svc", "client", "c"), Map.of(), codec.toPayload(value)));
    }
}
