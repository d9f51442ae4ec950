package io.onex.runtime.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.InvalidInputException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading envelopes as the Python services and our own writers put them on the wire (WIRE.md). */
class EnvelopeDecodeTest {
    private final EnvelopeCodec codec = new EnvelopeCodec();

    private EventEnvelope decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String envelope(String timestamp, String extra) {
        return "{\"event_id\": \"e-1\", \"event_type\": \"STAMP_WORKFLOW_STARTED\", \"correlation_id\": \"c-1\","
                + " \"causation_id\": null, \"timestamp\": " + timestamp + ", \"version\": \"1.0.0\","
                + " \"source\": {\"service\": \"omninode_bridge\", \"node_type\": \"orchestrator\", \"node_id\": \"o-1\"},"
                + " \"metadata\": {\"environment\": \"dev\"},"
                + " \"payload\": {\"workflow_id\": \"w-1\", \"duration_ms\": 12.5, \"count\": 3, \"tags\": [\"a\", \"b\"],"
                + " \"nested\": {\"ok\": true}}" + extra + "}";
    }

    @Test
    void readsAPythonEnvelopeWithEpochSecondsAndKeepsUnknownTopLevelFields() {
        EventEnvelope e = decode(envelope("1701446400.123", ", \"trace\": {\"span\": \"s-1\"}, \"priority\": 2"));

        assertThat(e.eventId()).isEqualTo("e-1");
        assertThat(e.eventType()).isEqualTo("STAMP_WORKFLOW_STARTED");
        assertThat(e.correlationId()).isEqualTo("c-1");
        assertThat(e.causationId()).isNull();
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2023-12-01T16:00:00.123Z"));
        assertThat(e.version()).isEqualTo("1.0.0");
        assertThat(e.source()).isEqualTo(new EventSource("omninode_bridge", "orchestrator", "o-1"));
        assertThat(e.metadata()).containsExactly(Map.entry("environment", "dev"));
        assertThat(e.payload()).containsEntry("workflow_id", "w-1").containsEntry("duration_ms", new BigDecimal("12.5"))
                .containsEntry("count", 3).containsEntry("tags", List.of("a", "b"))
                .containsEntry("nested", Map.of("ok", true));
        assertThat(e.extensions()).containsEntry("trace", Map.of("span", "s-1")).containsEntry("priority", 2);
    }

    @Test
    void readsWholeSecondsAndIsoTimestampsWithOrWithoutAnOffset() {
        assertThat(decode(envelope("1701446400", "")).timestamp()).isEqualTo(Instant.parse("2023-12-01T16:00:00Z"));
        assertThat(decode(envelope("\"2023-12-01T17:00:00.5+01:00\"", "")).timestamp())
                .isEqualTo(Instant.parse("2023-12-01T16:00:00.500Z"));
        assertThat(decode(envelope("\"2023-12-01T16:00:00\"", "")).timestamp())
                .isEqualTo(Instant.parse("2023-12-01T16:00:00Z"));
    }

    @Test
    void aMissingVersionSourceMetadataOrPayloadReadsAsTheDefaults() {
        EventEnvelope e = decode("{\"event_id\": \"e-1\", \"event_type\": \"T\", \"correlation_id\": \"c-1\","
                + " \"timestamp\": 1}");

        assertThat(e.version()).isEqualTo(EventEnvelope.CURRENT_VERSION);
        assertThat(e.source()).isNull();
        assertThat(e.metadata()).isEmpty();
        assertThat(e.payload()).isEmpty();
        assertThat(e.extensions()).isEmpty();
    }

    @Test
    void roundTripsWhatOurWriterWrites() {
        EventEnvelope e = decode(envelope("1701446400.123", ""));

        assertThat(codec.decode(codec.encode(e))).isEqualTo(e);
    }

    @Test
    void badEnvelopesAreRefusedNamingTheFieldAndWhatWasExpected() {
        assertRefused("not json", "record value is not valid JSON: ");
        assertRefused("[1, 2]", "record value is not a JSON object: expected an ONEX envelope");
        assertRefused("null", "record value is not a JSON object: expected an ONEX envelope");
        assertRefused("{\"event_type\": \"T\", \"correlation_id\": \"c\", \"timestamp\": 1}",
                "envelope field 'event_id' is missing: expected a string");
        assertRefused("{\"event_id\": 7, \"event_type\": \"T\", \"correlation_id\": \"c\", \"timestamp\": 1}",
                "envelope field 'event_id' is number: expected a string");
        assertRefused("{\"event_id\": \"e\", \"event_type\": [\"T\"], \"correlation_id\": \"c\", \"timestamp\": 1}",
                "envelope field 'event_type' is array: expected a string");
        assertRefused("{\"event_id\": \"e\", \"event_type\": \"T\", \"correlation_id\": \"c\"}",
                "envelope field 'timestamp' is missing: expected epoch seconds or an ISO-8601 string");
        assertRefused("{\"event_id\": \"e\", \"event_type\": \"T\", \"correlation_id\": \"c\", \"timestamp\": \"noon\"}",
                "envelope field 'timestamp' is 'noon': expected epoch seconds or an ISO-8601 string");
        assertRefused("{\"event_id\": \"e\", \"event_type\": \"T\", \"correlation_id\": \"c\", \"timestamp\": true}",
                "envelope field 'timestamp' is boolean: expected epoch seconds or an ISO-8601 string");
        assertRefused("{\"event_id\": \"e\", \"event_type\": \"T\", \"correlation_id\": \"c\", \"timestamp\": 1,"
                + " \"source\": \"o-1\"}", "envelope field 'source' is not an object: expected {service, node_type, node_id}");
        assertRefused("{\"event_id\": \"e\", \"event_type\": \"T\", \"correlation_id\": \"c\", \"timestamp\": 1,"
                + " \"payload\": [1]}", "envelope field 'payload' is array: expected an object");
        assertRefused("{\"event_id\": \"e\", \"event_type\": \"T\", \"correlation_id\": \"c\", \"timestamp\": 1,"
                + " \"metadata\": \"x\"}", "envelope field 'metadata' is string: expected an object");
    }

    @Test
    void aDuplicateKeyIsRefusedRatherThanOneValueSilentlyWinning() {
        assertThatThrownBy(() -> decode("{\"event_id\": \"e\", \"event_id\": \"f\", \"event_type\": \"T\","
                + " \"correlation_id\": \"c\", \"timestamp\": 1}")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("record value is not valid JSON: Duplicate field 'event_id'");
    }

    private void assertRefused(String json, String messageStart) {
        assertThatThrownBy(() -> decode(json)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(messageStart);
    }
}
