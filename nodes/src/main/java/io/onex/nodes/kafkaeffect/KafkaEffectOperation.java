package io.onex.nodes.kafkaeffect;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a call of {@link NodeKafkaEventEffect} does; chosen by the input's {@code operation} field. */
public enum KafkaEffectOperation {
    /** Publish one event (the default). */
    PUBLISH("publish"),
    /** Publish the input's {@code events}: atomically in one Kafka transaction when {@code atomic} is true. */
    PUBLISH_BATCH("publish_batch"),
    /** Write one event straight to {@code <topic>.dlq} with the caller's {@code error}. */
    PUBLISH_TO_DLQ("publish_to_dlq");

    private final String wireName;

    KafkaEffectOperation(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in inputs and workflows, e.g. {@code publish_batch}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * Reads an operation name.
     *
     * @param name {@code publish}, {@code publish_batch} or {@code publish_to_dlq}; null means {@code publish}
     * @return the operation
     * @throws IllegalArgumentException naming the accepted values
     */
    @JsonCreator
    public static KafkaEffectOperation of(String name) {
        if (name == null) {
            return PUBLISH;
        }
        for (KafkaEffectOperation op : values()) {
            if (op.wireName.equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("operation must be one of "
                + Arrays.stream(values()).map(o -> o.wireName).collect(Collectors.joining(", ")) + ", but was '" + name + "'");
    }
}
