package io.onex.client;

import com.google.protobuf.Message;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The topic → type map of a client: which wire format each topic uses and what its values decode to (the Python
 * SDK's {@code proto_map}). A topic that is not in the map carries ONEX envelopes read as maps.
 *
 * <pre>{@code
 * TopicTypes types = TopicTypes.builder()
 *         .json("onex.evt.order-placed.v1", OrderPlaced.class)   // ONEX envelope, payload as a record
 *         .protobuf("plans.v1", PlanCreated.class)              // protobuf bytes
 *         .rawJson("legacy.audit", AuditLine.class)             // plain JSON, no envelope
 *         .build();
 * }</pre>
 *
 * <p>Topics are written as the client is given them (ONEX references or full names) and resolved with the client's
 * {@code RuntimeConfig}. Immutable.
 */
public final class TopicTypes {

    private static final TopicTypes NONE = new TopicTypes(Map.of());

    private final Map<String, TopicType> types;

    private TopicTypes(Map<String, TopicType> types) {
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    /** An empty map: every topic carries ONEX envelopes read as maps. */
    public static TopicTypes none() {
        return NONE;
    }

    /** Starts a map. */
    public static Builder builder() {
        return new Builder();
    }

    /** The type of a topic, or {@link TopicType#onexDefault()} when the map does not name it. */
    public TopicType typeOf(String topic) {
        return types.getOrDefault(topic, TopicType.onexDefault());
    }

    /** The topics this map names, as written, each with its type. */
    public Map<String, TopicType> asMap() {
        return types;
    }

    /** This map with every topic renamed (the client resolves ONEX references to full names). */
    public TopicTypes renamed(java.util.function.Function<String, String> rename) {
        Map<String, TopicType> m = new LinkedHashMap<>();
        types.forEach((topic, type) -> m.put(rename.apply(topic), type));
        return new TopicTypes(m);
    }

    /** Builds a {@link TopicTypes}; a topic named twice is an error. */
    public static final class Builder {
        private final Map<String, TopicType> types = new LinkedHashMap<>();

        private Builder() {
        }

        /** The topic carries ONEX envelopes whose payload is the JSON of {@code type} (a record or POJO). */
        public Builder json(String topic, Class<?> type) {
            return put(topic, new TopicType(Wire.ONEX_JSON, type));
        }

        /** The topic carries plain JSON of {@code type}, no envelope (a topic outside ONEX). */
        public Builder rawJson(String topic, Class<?> type) {
            return put(topic, new TopicType(Wire.RAW_JSON, type));
        }

        /** The topic carries the bytes of protobuf messages of {@code type}, no envelope. */
        public Builder protobuf(String topic, Class<? extends Message> type) {
            return put(topic, new TopicType(Wire.PROTOBUF, type));
        }

        Builder put(String topic, TopicType type) {
            Objects.requireNonNull(topic, "topic");
            if (topic.isBlank()) {
                throw new IllegalArgumentException("topic must not be blank");
            }
            TopicType previous = types.putIfAbsent(topic, type);
            if (previous != null) {
                throw new IllegalArgumentException("topic " + topic + " is mapped twice: to " + previous.describe()
                        + " and to " + type.describe());
            }
            return this;
        }

        /** The map. */
        public TopicTypes build() {
            return new TopicTypes(types);
        }
    }
}
