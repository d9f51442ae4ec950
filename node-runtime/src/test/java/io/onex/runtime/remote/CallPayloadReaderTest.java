package io.onex.runtime.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.InvalidInputException;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallPayloadReaderTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final CallPayloadReader reader = new CallPayloadReader(codec.mapper(), 1024 * 1024);
    private final CallRequest request = new CallRequest("r-1", "pricing_effect",
            Map.of("sku", "tea", "qty", 4, "tags", List.of("a", "b"), "gift", true, "note", Map.of()), "runtime-a",
            "dev.t.onex.evt.runtime-a-replies.v1", Instant.parse("2026-12-06T05:00:00.123456Z"));

    private byte[] envelope(String eventType, Map<String, Object> payload) {
        return codec.encode(EventEnvelope.create(eventType, "corr-1", null, Instant.parse("2026-12-06T04:59:58Z"),
                new EventSource("svc", "runtime", "runtime-a"), Map.of("environment", "dev"), payload));
    }

    @Test
    void readsWhatTheEnvelopeCodecReadsOutOfAnEnvelope() {
        byte[] req = envelope(CallRequest.EVENT_TYPE, request.toPayload());
        assertThat(reader.request(req)).isEqualTo(request)
                .isEqualTo(CallRequest.fromPayload(codec.decode(req).payload()));

        for (CallReply reply : List.of(CallReply.success(request, Map.of("price", 12, "currency", "EUR")),
                CallReply.success(request, null), CallReply.success(request, "text"),
                CallReply.failure(request, new RemoteError("NonRetryableException", false, "sku x is not sold")))) {
            byte[] bytes = envelope(CallReply.EVENT_TYPE, reply.toPayload());
            assertThat(reader.reply(bytes)).isEqualTo(reply)
                    .isEqualTo(CallReply.fromPayload(codec.decode(bytes).payload()));
        }
    }

    @Test
    void bytesThatAreNoEnvelopeOrLackAPayloadFieldAreRefusedSayingWhy() {
        assertThatThrownBy(() -> reader.request("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("record value is not a JSON object: expected an ONEX envelope");
        assertThatThrownBy(() -> reader.request("{\"payload\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("record value is not valid JSON: ");
        assertThatThrownBy(() -> reader.request("{\"payload\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("envelope lacks event_id, event_type or correlation_id: expected an ONEX envelope");
        Map<String, Object> noCaller = new java.util.HashMap<>(request.toPayload());
        noCaller.remove("caller_id");
        assertThatThrownBy(() -> reader.request(envelope(CallRequest.EVENT_TYPE, noCaller)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("remote call payload: caller_id must be a non-empty string, but was missing");
    }
}
