package io.onex.client;

import com.google.protobuf.Message;
import java.util.Objects;

/**
 * What a topic carries: the wire format and the Java type its values decode to.
 *
 * @param wire how values are written
 * @param type the class values decode to ({@code Map} for JSON when nothing more specific is known)
 */
public record TopicType(Wire wire, Class<?> type) {

    public TopicType {
        Objects.requireNonNull(wire, "wire");
        Objects.requireNonNull(type, "type");
        if (wire == Wire.PROTOBUF && !Message.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("a protobuf topic's type must be a generated protobuf message class"
                    + " (com.google.protobuf.Message), but was " + type.getName());
        }
    }

    /** What a topic absent from the map carries: ONEX envelopes whose payload is read as a map. */
    public static TopicType onexDefault() {
        return new TopicType(Wire.ONEX_JSON, java.util.Map.class);
    }

    /** A readable name for messages: {@code protobuf message io.onex.Plan}, {@code JSON io.onex.Order}. */
    public String describe() {
        return switch (wire) {
            case PROTOBUF -> "protobuf message " + type.getName();
            case RAW_JSON -> "JSON " + type.getName();
            case ONEX_JSON -> "ONEX envelope with payload " + type.getName();
        };
    }
}
