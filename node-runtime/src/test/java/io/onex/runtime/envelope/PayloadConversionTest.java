package io.onex.runtime.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.onex.api.RawJsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadConversionTest {

    record Item(String sku, int count) {
    }

    record Order(String id, long quantity, double weight, BigDecimal price, Instant at, List<Item> items,
            Map<String, Object> extra, boolean rush, String note) {
    }

    private static final String PAYLOAD = "{\"id\": \"o-1\", \"quantity\": 3, \"weight\": 1.25, \"price\": 12.50,"
            + " \"at\": 1701446400.123456, \"items\": [{\"sku\": \"a\", \"count\": 2}], \"extra\": {\"n\": 1.5,"
            + " \"l\": [1, \"x\"]}, \"rush\": true, \"note\": null, \"unknown\": {\"deep\": []}}";

    private final EnvelopeCodec codec = new EnvelopeCodec();

    private RawJsonObject payload(String json) {
        String envelope = "{\"event_id\": \"e\", \"event_type\": \"T\", \"correlation_id\": \"c\", \"timestamp\": 1,"
                + " \"payload\": " + json + "}";
        return (RawJsonObject) codec.decode(envelope.getBytes(StandardCharsets.UTF_8)).payload();
    }

    @Test
    void aPayloadKeptAsTextBindsAsItsMapConvertsWithoutBeingReadAsAMap() {
        RawJsonObject raw = payload(PAYLOAD);

        Order bound = PayloadConversion.convert(codec.mapper(), raw, Order.class);

        assertThat(raw.isRead()).isFalse();
        assertThat(bound).isEqualTo(codec.mapper().convertValue(new LinkedHashMap<>(raw), Order.class));
        assertThat(bound.price()).isEqualTo(new BigDecimal("12.50"));
        assertThat(bound.at()).isEqualTo(Instant.parse("2023-12-01T16:00:00.123456Z"));
    }

    @Test
    void aMapOrAnyOtherValueIsConvertedByTheMapper() {
        assertThat(PayloadConversion.convert(codec.mapper(), Map.of("sku", "a", "count", 2), Item.class))
                .isEqualTo(new Item("a", 2));
        RawJsonObject raw = payload("{\"sku\": \"a\"}");
        assertThat(PayloadConversion.convert(codec.mapper(), raw, Map.class)).isEqualTo(Map.of("sku", "a"));
    }

    @Test
    void aPayloadThatCannotBeBoundFailsWithTheMessageItsMapsConversionGives() {
        RawJsonObject raw = payload("{\"sku\": \"a\", \"count\": \"many\"}");
        Throwable converted = catchThrowable(() -> codec.mapper().convertValue(Map.of("sku", "a", "count", "many"),
                Item.class));

        assertThatThrownBy(() -> PayloadConversion.convert(codec.mapper(), raw, Item.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(converted.getMessage().lines().findFirst().orElseThrow());
    }
}
