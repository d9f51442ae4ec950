package io.onex.api.contract;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a contract's {@code topic_settings} says about one of its topics: how the runtime creates it (partitions,
 * retention) and the JSON Schema its payloads must satisfy. Every part is optional; what is absent takes the
 * runtime's default (no schema: payloads are not checked).
 *
 * <pre>{@code
 * topic_settings:
 *   agents.evt.agent-performance-metric.v1:
 *     partitions: 6
 *     retention: 336h
 *     payload_schema: io/onex/nodes/agentlog/schema/agent-performance-metric.v1.json
 * }</pre>
 *
 * @param partitions partitions of the topic when the runtime creates it
 * @param retention {@code retention.ms} of the topic when the runtime creates it
 * @param payloadSchema classpath resource of the JSON Schema (draft 2020-12) of the envelope's {@code payload}
 * @param deadLetterTopic the topic (name or ONEX reference) this topic's dead letters go to instead of
 *     {@code <topic>.dlq}, e.g. the Python services' {@code omninode_codegen_dlq_validate_v1}
 */
public record TopicSettings(OptionalInt partitions, Optional<Duration> retention, Optional<String> payloadSchema,
        Optional<String> deadLetterTopic) {

    public TopicSettings {
        Objects.requireNonNull(partitions, "partitions");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(payloadSchema, "payloadSchema");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    }

    /** Settings whose dead letters go to {@code <topic>.dlq}. */
    public TopicSettings(OptionalInt partitions, Optional<Duration> retention, Optional<String> payloadSchema) {
        this(partitions, retention, payloadSchema, Optional.empty());
    }
}
