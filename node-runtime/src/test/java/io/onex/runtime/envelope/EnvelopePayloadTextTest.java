package io.onex.runtime.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.api.RawJsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A decoded envelope keeps its payload and metadata as the JSON text they came as, read into maps only on use. */
class EnvelopePayloadTextTest {

    private static final String PAYLOAD = "{ \"workflow_id\" : \"w-1\",\n\t\"note\": \"caf\u00e9 \\\"q\\\" \\u00e9 \u20ac\","
            + " \"n\": 12.50, \"big\": 1e3, \"list\": [1, {\"a\": null}], \"nested\": {\"x\": {\"y\": []}} }";
    private static final String METADATA = "{\"environment\":\"dev\",\"emoji\":\"\uD83D\uDE00\"}";

    private final EnvelopeCodec codec = new EnvelopeCodec();

    private static byte[] envelope(String before, String payload, String metadata) {
        return ("  \r\n{" + before + "\"event_id\": \"\u00e9v\u20ac\", \"event_type\": \"T\", \"correlation_id\": \"c\","
                + " \"timestamp\": 1701446400.5, \"metadata\": " + metadata + ", \"payload\":" + payload
                + ", \"after\": \"\u20ac\"}  ").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void thePayloadAndMetadataAreTheirTextAsItCameWhateverSurroundsThem() {
        EventEnvelope e = codec.decode(envelope("\"first\": [{\"payload\": {}}], ", PAYLOAD, METADATA));

        assertThat(e.payload()).isInstanceOf(RawJsonObject.class);
        assertThat(((RawJsonObject) e.payload()).toJsonString()).isEqualTo(PAYLOAD);
        assertThat(((RawJsonObject) e.metadata()).toJsonString()).isEqualTo(METADATA);
        assertThat(((RawJsonObject) e.payload()).toJsonBytes()).isEqualTo(PAYLOAD.getBytes(StandardCharsets.UTF_8));
        assertThat(e.eventId()).isEqualTo("\u00e9v\u20ac");
        assertThat(e.extensions()).containsExactly(Map.entry("first", List.of(Map.of("payload", Map.of()))),
                Map.entry("after", "\u20ac"));
    }

    @Test
    void thePayloadIsReadIntoAMapOnlyWhenUsedAsOneAndThenAsTheMapperReadsIt() throws Exception {
        EventEnvelope e = codec.decode(envelope("", PAYLOAD, METADATA));
        RawJsonObject payload = (RawJsonObject) e.payload();

        assertThat(payload.isRead()).isFalse();
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2023-12-01T16:00:00.500Z"));
        assertThat(payload.isRead()).as("reading the envelope's own fields").isFalse();

        Map<String, Object> expected = codec.mapper().readValue(PAYLOAD, new TypeReference<Map<String, Object>>() {
        });
        assertThat(payload).isEqualTo(expected).containsEntry("n", new BigDecimal("12.50"))
                .containsEntry("big", new BigDecimal("1e3"));
        assertThat(expected).isEqualTo(payload);
        assertThat(payload.hashCode()).isEqualTo(expected.hashCode());
        assertThat(payload.isRead()).isTrue();
        assertThat(List.copyOf(payload.keySet())).containsExactly("workflow_id", "note", "n", "big", "list", "nested");
    }

    @Test
    void theMapsAreUnmodifiable() {
        EventEnvelope e = codec.decode(envelope("", PAYLOAD, METADATA));

        assertThatThrownBy(() -> e.payload().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.metadata().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anEmptyPayloadIsEmptyWithoutBeingRead() {
        RawJsonObject payload = (RawJsonObject) codec.decode(envelope("", "{}", "{}")).payload();

        assertThat(payload.isEmpty()).isTrue();
        assertThat(payload.isRead()).isFalse();
        assertThat(payload).isEqualTo(Map.of());
    }

    @Test
    void invalidJsonInsideThePayloadIsStillRefusedWhenTheEnvelopeIsDecoded() {
        assertThatThrownBy(() -> codec.decode(envelope("", "{\"a\": tru}", "{}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("record value is not valid JSON: Unrecognized token 'tru'");
        assertThatThrownBy(() -> codec.decode(envelope("", "{\"a\": 1, \"a\": 2}", "{}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("record value is not valid JSON: Duplicate field 'a'");
        assertThatThrownBy(() -> codec.decode(envelope("", "{\"a\": [1, }", "{}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("record value is not valid JSON: Unexpected character ('}'");
        assertThatThrownBy(() -> codec.decode("{\"payload\": {\"a\": 1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("record value is not valid JSON: Unexpected end-of-input");
    }

    @Test
    void invalidJsonIsRefusedAsSuchEvenWhenAFieldBeforeItIsWrong() {
        // the fields are checked once the record has parsed: its first problem does not depend on field order
        assertThatThrownBy(() -> codec.decode(("{\"event_id\": 7, \"event_type\": \"T\", \"payload\": [1,,]}")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("record value is not valid JSON: ");
        assertThatThrownBy(() -> codec.decode(("{\"payload\": [1], \"event_id\": 7, \"event_type\": \"T\"}")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("envelope field 'event_id' is number: expected a string");
    }

    @Test
    void sourceMembersAreReadAsTheirTextAndOthersIgnored() {
        EventEnvelope e = codec.decode(("{\"event_id\": \"e\", \"event_type\": \"T\", \"correlation_id\": \"c\","
                + " \"timestamp\": 1, \"source\": {\"extra\": {\"node_id\": \"no\"}, \"service\": 7, \"node_type\": null,"
                + " \"node_id\": [\"x\"]}}").getBytes(StandardCharsets.UTF_8));

        assertThat(e.source().service()).isEqualTo("7");
        assertThat(e.source().nodeType()).isEmpty();
        assertThat(e.source().nodeId()).isEmpty();
    }

    @Test
    void aMapperThatRefusesTrailingTokensRefusesContentAfterTheEnvelope() {
        ObjectMapper strict = EnvelopeCodec.defaultMapper().copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        byte[] trailing = "{\"event_id\": \"e\", \"event_type\": \"T\", \"correlation_id\": \"c\", \"timestamp\": 1} {}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(codec.decode(trailing).eventId()).isEqualTo("e");
        assertThatThrownBy(() -> new EnvelopeCodec(strict).decode(trailing)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("record value is not valid JSON: ");
    }

    @Test
    void aMapperWithoutBigDecimalsReadsTimestampsAndVersionsItsOwnWay() {
        ObjectMapper doubles = EnvelopeCodec.defaultMapper().copy()
                .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        EventEnvelope e = new EnvelopeCodec(doubles).decode(("{\"event_id\": \"e\", \"event_type\": \"T\","
                + " \"correlation_id\": \"c\", \"timestamp\": 1701446400.25, \"version\": 1.50,"
                + " \"payload\": {\"n\": 1.50}}").getBytes(StandardCharsets.UTF_8));

        assertThat(e.timestamp()).isEqualTo(Instant.parse("2023-12-01T16:00:00.250Z"));
        assertThat(e.version()).isEqualTo("1.5");
        assertThat(e.payload()).containsEntry("n", 1.5d);
    }
}
