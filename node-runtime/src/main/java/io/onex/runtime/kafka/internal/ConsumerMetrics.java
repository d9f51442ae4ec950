package io.onex.runtime.kafka.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.runtime.kafka.KafkaFlowMetrics;
import io.onex.runtime.kafka.RecordOutcome;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer loop's meters: {@code onex.consumer.lag} per owned partition (tags {@code consumer}, {@code topic},
 * {@code partition}) and {@code onex.consumer.records} (tags {@code consumer}, {@code outcome} =
 * {@code processed|dead_lettered|redelivered}); and per topic {@code kf.messages.consumed} ({@link KafkaFlowMetrics},
 * the Python services' {@code kf_messages_consumed_total}).
 *
 * <p>The loop thread writes lag values it read from its consumer; gauges read the copies, so a scrape never
 * touches the (single-threaded) consumer.
 */
public final class ConsumerMetrics {

    public static final String LAG = "onex.consumer.lag";
    public static final String RECORDS = "onex.consumer.records";

    private final MeterRegistry registry;
    private final String consumer;
    private final Counter processed;
    private final Counter deadLettered;
    private final Counter redelivered;
    private final Map<TopicPartition, Double> lags = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Gauge> gauges = new ConcurrentHashMap<>();
    private final KafkaFlowMetrics flow;

    public ConsumerMetrics(MeterRegistry registry, String consumer) {
        this.registry = registry;
        this.consumer = consumer;
        this.processed = counter("processed");
        this.deadLettered = counter("dead_lettered");
        this.redelivered = counter("redelivered");
        this.flow = new KafkaFlowMetrics(registry);
    }

    /** Counts a record handed to the handler. */
    public void handedOut(String topic) {
        flow.consumed(topic);
    }

    private Counter counter(String outcome) {
        return Counter.builder(RECORDS).description("Consumed records by outcome")
                .tag("consumer", consumer).tag("outcome", outcome).register(registry);
    }

    /** Counts a record that became done. */
    public void done(RecordOutcome outcome) {
        (outcome == RecordOutcome.DEAD_LETTERED ? deadLettered : processed).increment();
    }

    /** Counts a record that was not done and will be delivered again. */
    public void redelivered() {
        redelivered.increment();
    }

    /** Starts reporting lag for a newly owned partition. */
    public void track(TopicPartition tp) {
        lags.put(tp, Double.NaN);
        gauges.computeIfAbsent(tp, p -> Gauge.builder(LAG, lags, m -> m.getOrDefault(p, Double.NaN))
                .description("Records behind the end of the partition, as last seen by the consumer")
                .tag("consumer", consumer).tag("topic", p.topic()).tag("partition", Integer.toString(p.partition()))
                .register(registry));
    }

    /** Stops reporting lag for a partition no longer owned. */
    public void untrack(TopicPartition tp) {
        Gauge g = gauges.remove(tp);
        if (g != null) {
            registry.remove(g);
        }
        lags.remove(tp);
    }

    /** Records the lag the consumer reports for a partition (empty when it does not know yet). */
    public void lag(TopicPartition tp, OptionalLong lag) {
        if (lags.containsKey(tp)) {
            lags.put(tp, lag.isPresent() ? (double) lag.getAsLong() : Double.NaN);
        }
    }

    /** Removes every lag gauge. */
    public void close() {
        gauges.keySet().forEach(this::untrack);
    }
}
