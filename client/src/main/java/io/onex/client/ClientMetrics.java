package io.onex.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.onex.runtime.kafka.KafkaFlowMetrics;

/**
 * The client's meters, named as the Python services' {@code kafka_utils} names them so one dashboard reads both:
 * {@code kf_messages_produced_total{topic}}, {@code kf_messages_consumed_total{topic}} and the histogram
 * {@code kf_produce_latency_sec{topic}} (seconds from {@code produce} to the broker's acknowledgement). The same
 * meters as the runtime's publishers and consumers ({@link KafkaFlowMetrics}): consumed records are counted by the
 * consumer loop both share. Thread-safe.
 */
public final class ClientMetrics {

    /** Micrometer names; the Prometheus registry writes them as {@code kf_messages_produced_total} etc. */
    public static final String PRODUCED = KafkaFlowMetrics.PRODUCED;
    public static final String CONSUMED = KafkaFlowMetrics.CONSUMED;
    public static final String PRODUCE_LATENCY = KafkaFlowMetrics.PRODUCE_LATENCY;
    public static final String TOPIC_TAG = KafkaFlowMetrics.TOPIC_TAG;

    private final KafkaFlowMetrics flow;

    /** @param registry where the meters are registered */
    public ClientMetrics(MeterRegistry registry) {
        this.flow = new KafkaFlowMetrics(registry);
    }

    /** A record the broker acknowledged, {@code nanos} after it was handed to {@code produce}. */
    public void produced(String topic, long nanos) {
        flow.produced(topic, nanos);
    }

    /** A consumed record handed to the handler. */
    public void consumed(String topic) {
        flow.consumed(topic);
    }
}
