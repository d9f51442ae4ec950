package io.onex.runtime.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records produced and consumed per topic, named as the Python services' {@code kafka_utils} name them so one
 * dashboard reads both: {@code kf_messages_produced_total{topic}}, {@code kf_messages_consumed_total{topic}} and the
 * histogram {@code kf_produce_latency_sec{topic}} (seconds from the send to the broker's acknowledgement). The
 * runtime's publishers and consumer loops and {@code OnexClient} all count here. Thread-safe.
 */
public final class KafkaFlowMetrics {

    /** Micrometer names; the Prometheus registry writes them as {@code kf_messages_produced_total} etc. */
    public static final String PRODUCED = "kf.messages.produced";
    public static final String CONSUMED = "kf.messages.consumed";
    public static final String PRODUCE_LATENCY = "kf.produce.latency.sec";
    public static final String TOPIC_TAG = "topic";

    private static final KafkaFlowMetrics NONE = new KafkaFlowMetrics();

    private final MeterRegistry registry;
    private final Map<String, Counter> produced = new ConcurrentHashMap<>();
    private final Map<String, Counter> consumed = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> latency = new ConcurrentHashMap<>();

    private KafkaFlowMetrics() {
        this.registry = null;
    }

    /** @param registry where the meters are registered */
    public KafkaFlowMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Counts nothing: for publishers whose owner counts itself. */
    public static KafkaFlowMetrics none() {
        return NONE;
    }

    /** Whether this counts anything. */
    public boolean isEnabled() {
        return registry != null;
    }

    /** A record the broker acknowledged, {@code nanos} after it was sent. */
    public void produced(String topic, long nanos) {
        if (registry == null) {
            return;
        }
        produced.computeIfAbsent(topic, t -> Counter.builder(PRODUCED).tag(TOPIC_TAG, t)
                .description("Records produced and acknowledged by the broker").register(registry)).increment();
        latency.computeIfAbsent(topic, t -> DistributionSummary.builder(PRODUCE_LATENCY).tag(TOPIC_TAG, t)
                .description("Seconds from produce to the broker's acknowledgement")
                .publishPercentileHistogram().minimumExpectedValue(0.0005).maximumExpectedValue(30.0)
                .register(registry)).record(nanos / 1e9);
    }

    /** A consumed record handed to its handler. */
    public void consumed(String topic) {
        if (registry == null) {
            return;
        }
        consumed.computeIfAbsent(topic, t -> Counter.builder(CONSUMED).tag(TOPIC_TAG, t)
                .description("Records consumed and handed to their handler").register(registry)).increment();
    }
}
