package io.onex.runtime.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    private static Map<String, Object> payload() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", null);
        nested.put("a", List.of(1, 2L, 3.5, "x", true));
        Map<Object, Object> nonStringKeys = new HashMap<>();
        nonStringKeys.put(7, "seven");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("quality_score", new BigDecimal("0.870"));
        p.put("count", 42);
        p.put("big", 12345678901L);
        p.put("ratio", 0.25);
        p.put("ok", false);
        p.put("text", "quotes \" and \u00e9 and \n");
        p.put("nested", nested);
        p.put("keys", nonStringKeys);
        p.put("uuid", UUID.fromString("550e8400-e29b-41d4-a716-446655440000"));
        p.put("when", Instant.ofEpochSecond(1701446400));
        p.put("floats", new float[] {1.5f});
        return p;
    }

    private static EventEnvelope envelope(Map<String, Object> payload) {
        return new EventEnvelope("e-1", "QUALITY_ASSESSED", "c-1", null, Instant.ofEpochSecond(1701446400, 123_000_000),
                "1.0.0", new EventSource("svc", "effect", "n-1"), Map.of("environment", "dev"), payload,
                Map.of("extra", List.of(Map.of("k", "v"))));
    }

    /** What the mapper alone writes for the same envelope: the reference the codec's direct writing must match. */
    private static String viaMapper(ObjectMapper mapper, EventEnvelope e) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event_id", e.eventId());
        m.put("event_type", e.eventType());
        m.put("correlation_id", e.correlationId());
        m.put("causation_id", null);
        m.put("timestamp", EnvelopeTimestamp.epochSeconds(e.timestamp()));
        m.put("version", e.version());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("service", "svc");
        source.put("node_type", "effect");
        source.put("node_id", "n-1");
        m.put("source", source);
        m.put("metadata", e.metadata());
        m.put("payload", e.payload());
        m.putAll(e.extensions());
        return mapper.writeValueAsString(m);
    }

    @Test
    void writesPayloadsExactlyAsTheMapperWould() throws Exception {
        EnvelopeCodec codec = new EnvelopeCodec();
        EventEnvelope e = envelope(payload());

        String written = new String(codec.encode(e), StandardCharsets.UTF_8);

        assertThat(written).isEqualTo(viaMapper(codec.mapper(), e));
        assertThat(written).contains("\"quality_score\":0.870", "\"keys\":{\"7\":\"seven\"}", "\"z\":null");
    }

    @Test
    void writesTimestampsAsTheBigDecimalFormWould() {
        for (Instant t : new Instant[] {Instant.ofEpochSecond(1701446400), Instant.ofEpochSecond(1701446400, 123_000_000),
                Instant.ofEpochSecond(1701446400, 1_000), Instant.ofEpochSecond(1701446400, 100_000_999),
                Instant.ofEpochSecond(0, 500_000_000), Instant.ofEpochSecond(-5, 500_000_000),
                Instant.ofEpochSecond(1701446480, 999_999_999)}) {
            assertThat(EnvelopeTimestamp.epochSecondsText(t)).as(t.toString()).isEqualTo(EnvelopeTimestamp.epochSeconds(t).toString());
        }
    }

    @Test
    void followsAMapperThatLeavesNullsOut() throws Exception {
        ObjectMapper mapper = EnvelopeCodec.defaultMapper().copy()
                .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL));
        EventEnvelope e = envelope(payload());

        String written = new String(new EnvelopeCodec(mapper).encode(e), StandardCharsets.UTF_8);

        assertThat(written).doesNotContain("\"z\":null");
    }

    @Test
    void roundTripsLargePayloadsWithoutLosingBytes() {
        EnvelopeCodec codec = new EnvelopeCodec();
        char[] big = new char[100_000];
        Arrays.fill(big, 'x');
        EventEnvelope e = envelope(Map.of("data", new String(big)));

        EventEnvelope back = codec.decode(codec.encode(e));

        assertThat(back.payload().get("data")).isEqualTo(new String(big));
        assertThat(back.extensions()).isEqualTo(Map.of("extra", List.of(Map.of("k", "v"))));
    }
}
