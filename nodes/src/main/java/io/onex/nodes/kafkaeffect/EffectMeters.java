package io.onex.nodes.kafkaeffect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.onex.runtime.resilience.BreakerState;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The node's own meters ({@code onex.kafka_effect.*}, tag {@code node}) and the reading of its pipeline's meters
 * ({@code onex.node.*}) by name and tag, which is all the node needs to know of the pipeline.
 */
final class EffectMeters {

    private final MeterRegistry registry;
    private final String node;
    private final Counter published;
    private final Counter failed;
    private final Counter deadLetteredExhausted;
    private final Counter deadLetteredRequested;
    private final AtomicLong undeliveredAtShutdown = new AtomicLong();
    private final IntSupplier inFlight;

    EffectMeters(MeterRegistry registry, String node, IntSupplier inFlight) {
        this.registry = registry;
        this.node = node;
        this.inFlight = inFlight;
        published = Counter.builder("onex.kafka_effect.events").tag("node", node).tag("outcome", "published")
                .description("Events the broker acknowledged").register(registry);
        failed = Counter.builder("onex.kafka_effect.events").tag("node", node).tag("outcome", "failed")
                .description("Event sends that failed (per attempt)").register(registry);
        deadLetteredExhausted = Counter.builder("onex.kafka_effect.dead_lettered").tag("node", node)
                .tag("reason", "exhausted").description("Events written to the DLQ after the last attempt failed")
                .register(registry);
        deadLetteredRequested = Counter.builder("onex.kafka_effect.dead_lettered").tag("node", node)
                .tag("reason", "requested").description("Events written to the DLQ by publish_to_dlq")
                .register(registry);
        Gauge.builder("onex.kafka_effect.in_flight", inFlight, s -> s.getAsInt()).tag("node", node)
                .description("Sends not yet acknowledged").strongReference(true).register(registry);
        Gauge.builder("onex.kafka_effect.undelivered_at_shutdown", undeliveredAtShutdown, AtomicLong::get)
                .tag("node", node).description("Sends still unacknowledged when stop() gave up waiting")
                .strongReference(true).register(registry);
    }

    void published() {
        published.increment();
    }

    void failed(int events) {
        failed.increment(events);
    }

    void deadLettered(boolean requested) {
        (requested ? deadLetteredRequested : deadLetteredExhausted).increment();
    }

    void undeliveredAtShutdown(long events) {
        undeliveredAtShutdown.addAndGet(events);
    }

    KafkaEffectMetrics snapshot() {
        Timer latency = registry.find("onex.node.latency").tag("node", node).timer();
        double avg = 0;
        double p99 = 0;
        if (latency != null) {
            HistogramSnapshot s = latency.takeSnapshot();
            avg = s.mean(TimeUnit.MILLISECONDS);
            for (ValueAtPercentile v : s.percentileValues()) {
                if (v.percentile() == 0.99) {
                    p99 = v.value(TimeUnit.MILLISECONDS);
                }
            }
        }
        Counter retries = registry.find("onex.node.retries").tag("node", node).counter();
        Gauge breaker = registry.find("onex.node.breaker.state").tag("node", node).gauge();
        return new KafkaEffectMetrics((long) published.count(), (long) failed.count(), avg, p99,
                breaker == null ? "unknown" : breakerState(breaker.value()),
                (long) (deadLetteredExhausted.count() + deadLetteredRequested.count()),
                retries == null ? 0 : (long) retries.count(), inFlight.getAsInt(), undeliveredAtShutdown.get());
    }

    private static String breakerState(double code) {
        return BreakerState.ofCode((int) code).wireName();
    }
}
