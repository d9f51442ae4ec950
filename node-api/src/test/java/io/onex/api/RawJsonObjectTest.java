package io.onex.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RawJsonObjectTest {

    private final AtomicInteger reads = new AtomicInteger();

    private Map<String, Object> read(byte[] json) {
        reads.incrementAndGet();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", new String(json, StandardCharsets.UTF_8));
        return m;
    }

    @Test
    void holdsACopyOfItsSliceOfTheBytes() {
        byte[] bytes = "xx{\"a\":1}yy".getBytes(StandardCharsets.UTF_8);
        RawJsonObject raw = RawJsonObject.of(bytes, 2, 7, this::read);
        bytes[3] = 'X';

        assertThat(raw.toJsonString()).isEqualTo("{\"a\":1}");
        assertThat(raw.jsonLength()).isEqualTo(7);
        byte[] copy = raw.toJsonBytes();
        copy[0] = 'X';
        assertThat(raw.toJsonString()).isEqualTo("{\"a\":1}");
        assertThat(reads).hasValue(0);
    }

    @Test
    void readsItsMapOnceOnFirstUseAndIsUnmodifiable() {
        RawJsonObject raw = RawJsonObject.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 0, 7, this::read);

        assertThat(raw.isRead()).isFalse();
        assertThat(raw.get("text")).isEqualTo("{\"a\":1}");
        assertThat(raw).hasSize(1).containsKey("text").isEqualTo(Map.of("text", "{\"a\":1}"));
        assertThat(raw.isRead()).isTrue();
        assertThat(reads).hasValue(1);
        assertThatThrownBy(() -> raw.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> raw.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anEmptyObjectIsEmptyWithoutReading() {
        RawJsonObject raw = RawJsonObject.of("{}".getBytes(StandardCharsets.UTF_8), 0, 2, this::read);

        assertThat(raw.isEmpty()).isTrue();
        assertThat(reads).hasValue(0);
    }

    @Test
    void aReaderFailureReachesTheMapsReaderEachTime() {
        RawJsonObject raw = RawJsonObject.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 0, 7, json -> {
            throw new InvalidInputException("cannot read");
        });

        assertThatThrownBy(() -> raw.get("a")).isInstanceOf(InvalidInputException.class).hasMessage("cannot read");
        assertThatThrownBy(raw::size).isInstanceOf(InvalidInputException.class);
        assertThat(raw.isRead()).isFalse();
    }

    @Test
    void aSliceOutsideTheBytesIsRefused() {
        assertThatThrownBy(() -> RawJsonObject.of(new byte[4], 2, 3, this::read))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void anEnvelopeKeepsARawPayloadAsItIsWithoutReadingIt() {
        RawJsonObject raw = RawJsonObject.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 0, 7, this::read);
        EventEnvelope e = new EventEnvelope("e", "T", "c", null, Instant.EPOCH, EventEnvelope.CURRENT_VERSION, null,
                raw, raw, Map.of());

        assertThat(e.payload()).isSameAs(raw);
        assertThat(e.metadata()).isSameAs(raw);
        assertThat(reads).hasValue(0);
    }
}
