package io.onex.runtime.envelope;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.RawJsonObject;
import java.io.IOException;

/**
 * Converts a payload to a node's or a subscriber's type as {@link ObjectMapper#convertValue} does, except that a
 * payload still kept as its JSON text ({@link RawJsonObject}, as {@link EnvelopeCodec#decode} makes them) is bound
 * straight from that text: no map is read only to be walked and thrown away.
 */
public final class PayloadConversion {

    private PayloadConversion() {
    }

    /**
     * @param mapper the mapper
     * @param value a payload, or anything {@code convertValue} takes
     * @param type the type to bind to
     * @return the bound value
     * @throws IllegalArgumentException when the value cannot be bound, with the mapper's message (as
     *     {@code convertValue})
     */
    public static <T> T convert(ObjectMapper mapper, Object value, Class<T> type) {
        if (!(value instanceof RawJsonObject raw) || type.isInstance(value)) {
            return mapper.convertValue(value, type);
        }
        try {
            return mapper.readValue(raw.toJsonBytes(), type);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
