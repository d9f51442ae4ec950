package io.onex.api.batch;

import java.util.Objects;

/**
 * One consumed record of a batch handed to a {@link BatchEffectNode}: its converted input and where it came from.
 *
 * @param input the record's input, converted to the node's input type (the whole envelope when that type is
 *     {@link io.onex.api.EventEnvelope})
 * @param topic the full name of the topic the record was consumed from
 * @param correlationId the record's correlation id (from its envelope)
 * @param <I> the node's input type
 */
public record BatchItem<I>(I input, String topic, String correlationId) {

    /** Checks that input and topic are set. */
    public BatchItem {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(topic, "topic");
    }
}
