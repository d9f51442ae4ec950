package io.onex.nodes.kafkaeffect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaEventInputConversionTest {

    private final ObjectMapper mapper = EnvelopeCodec.defaultMapper();

    private void assertSameAsJackson(Map<String, Object> map) {
        KafkaEventInput own = KafkaEventInput.fromPlainMap(map);
        assertNotNull(own, "expected the map to be converted without Jackson: " + map);
        assertEquals(mapper.convertValue(map, KafkaEventInput.class), own);
    }

    @Test
    void plainSingleEventMapsConvertAsJacksonDoes() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("score", new BigDecimal("0.87"));
        nested.put("tags", List.of("a", "b"));
        nested.put("missing", null);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("document_id", "doc-1");
        payload.put("pages", 12);
        payload.put("bytes", 5_000_000_000L);
        payload.put("ok", true);
        payload.put("details", nested);
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("operation", "publish");
        full.put("topic", "quality.assessed.v1");
        full.put("event_type", "QUALITY_ASSESSED");
        full.put("payload", payload);
        full.put("correlation_id", "c-1");
        full.put("partition_key", "k-1");
        full.put("headers", Map.of("tenant", "t-1"));
        assertSameAsJackson(full);

        assertSameAsJackson(Map.of("topic", "t", "event_type", "E", "payload", Map.of("data", "x")));
        Map<String, Object> withNulls = new HashMap<>();
        withNulls.put("topic", "t");
        withNulls.put("event_type", "E");
        withNulls.put("payload", null);
        withNulls.put("headers", null);
        withNulls.put("operation", null);
        assertSameAsJackson(withNulls);
        assertSameAsJackson(Map.of("operation", "publish_to_dlq", "topic", "t", "event_type", "E", "error", "bad"));
    }

    @Test
    void payloadContainersAreCopiedAsJacksonCopiesThem() {
        List<Object> tags = new ArrayList<>(List.of("a"));
        Map<String, Object> payload = new LinkedHashMap<>(Map.of("tags", tags));
        KafkaEventInput in = KafkaEventInput.fromPlainMap(Map.of("topic", "t", "event_type", "E", "payload", payload));
        tags.add("added later");
        assertEquals(List.of("a"), in.payload().get("tags"));
        assertNotSame(payload, in.payload());
    }

    @Test
    void anythingElseIsLeftToJackson() {
        // Jackson turns doubles into big decimals and numbers into strings: not reproduced here
        assertNull(KafkaEventInput.fromPlainMap(Map.of("topic", "t", "event_type", "E", "payload", Map.of("x", 0.5))));
        assertNull(KafkaEventInput.fromPlainMap(Map.of("topic", 42, "event_type", "E")));
        assertNull(KafkaEventInput.fromPlainMap(Map.of("topic", "t", "event_type", "E", "headers", Map.of("n", 1))));
        assertNull(KafkaEventInput.fromPlainMap(Map.of("topic", "t", "event_type", "E", "payload", List.of("x"))));
        assertNull(KafkaEventInput.fromPlainMap(Map.of("topic", "t", "event_type", "E", "payload",
                Map.of("when", java.time.Instant.EPOCH))));
        // batches, and keys Jackson would ignore
        assertNull(KafkaEventInput.fromPlainMap(Map.of("operation", "publish_batch", "events", List.of())));
        assertNull(KafkaEventInput.fromPlainMap(Map.of("topic", "t", "event_type", "E", "extra", "x")));
    }

    @Test
    void keyIsTheSeedsNameForThePartitionKeyWithAndWithoutJackson() {
        Map<String, Object> plain = Map.of("topic", "pattern.matched.v1", "event_type", "PATTERN_MATCHED",
                "payload", Map.of("severity", "high"), "key", "entity-123");
        Map<String, Object> forJackson = Map.of("topic", "pattern.matched.v1", "event_type", "PATTERN_MATCHED",
                "payload", Map.of("score", 0.5), "key", "entity-123");

        assertEquals("entity-123", KafkaEventInput.fromPlainMap(plain).partitionKey());
        assertSameAsJackson(plain);
        assertNull(KafkaEventInput.fromPlainMap(forJackson)); // a double: Jackson converts it
        assertEquals("entity-123", mapper.convertValue(forJackson, KafkaEventInput.class).partitionKey());
        assertEquals("k", mapper.convertValue(Map.of("topic", "t", "event_type", "E", "key", "k",
                "partition_key", "k"), KafkaEventInput.class).partitionKey());
    }

    @Test
    void keyAndPartitionKeyThatDifferAreAnErrorNamingBoth() {
        Map<String, Object> both = Map.of("topic", "t", "event_type", "E", "partition_key", "a", "key", "b");

        assertNull(KafkaEventInput.fromPlainMap(both)); // Jackson's conversion reports it
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> mapper.convertValue(both, KafkaEventInput.class));
        org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains("partition_key 'a' and key 'b' differ:"
                + " key is a synonym of partition_key, give one of them (or the same value)");
        IllegalArgumentException inBatch = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> mapper.convertValue(Map.of("operation", "publish_batch",
                        "events", List.of(both)), KafkaEventInput.class));
        org.assertj.core.api.Assertions.assertThat(inBatch.getMessage()).contains("partition_key 'a' and key 'b'");
    }
}
