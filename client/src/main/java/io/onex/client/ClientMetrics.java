package io.onex.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's meters, named as the Python services' {@code kafka_utils} names them so one dashboard reads both:
 * {@code kf_messages_produced_total{topic}}, {@code kf_messages_consumed_total{topic}} and the histogram
 * {@code kf_produce_latency_sec{topic}} (seconds from {@code produce} to the broker's acknowledgement). Thread-safe.
 */
public final class ClientMetrics {

    /** Micrometer names; the Prometheus registry writes them as {@code kf_messages_produced_total} etc. */
    public static final String PRODUCED = "kf.messages.produced";
    public static final String CONSUMED = "kf.messages.consumed";
    public static final String PRODUCE_LATENCY = "kf.produce.latency.sec";
    public static final String TOPIC_TAG = "topic";

    private final MeterRegistry registry;
    private final Map<String, Counter> produced = new ConcurrentHashMap<>();
    private final Map<String, Counter> consumed = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> latency = new ConcurrentHashMap<>();

    /** @param registry where the meters are registered */
    public ClientMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** A record the broker acknowledged, {@code nanos} after it was handed to {@code produce}. */
    public void produced(String topic, long nanos) {
        produced.computeIfAbsent(topic, t -> Counter.builder(PRODUCED).tag(TOPIC_TAG, t)
                .description("Records produced and acknowledged by the broker").register(registry)).increment();
        latency.computeIfAbsent(topic, t -> DistributionSummary.builder(PRODUCE_LATENCY).tag(TOPIC_TAG, t)
                .description("Seconds from produce to the broker's acknowledgement")
                .publishPercentileHistogram().minimumExpectedValue(0.0005).maximumExpectedValue(30.0)
                .register(registry)).record(nanos / 1e9);
    }

    /** A consumed record decoded and handed to the handler. */
    public void consumed(String topic) {
        consumed.computeIfAbsent(topic, t -> Counter.builder(CONSUMED).tag(TOPIC_TAG, t)
                .description("Records consumed, decoded and handed to the handler").register(registry)).increment();
    }
}
