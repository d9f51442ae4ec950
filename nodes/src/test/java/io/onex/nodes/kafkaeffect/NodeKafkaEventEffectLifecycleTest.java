package io.onex.nodes.kafkaeffect;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeKafkaEventEffectLifecycleTest {

    private static final Map<String, Object> EVENT = Map.of("topic", "t1", "event_type", "X", "payload", Map.of());

    @Test
    void stopReportsSendsItCouldNotConfirmWithinTheShutdownTimeout() throws Exception {
        MockKafkaPipeline k = MockKafkaPipeline.startHoldingAcks(
                c -> c.toBuilder().config(Map.of("topic_prefix", "", "shutdown_timeout", "50ms")).build());
        CompletableFuture<Object> pending = k.call(EVENT);
        assertThat(k.node.metrics().eventsInFlight()).isEqualTo(1);

        k.node.stop();

        assertThat(pending).isNotDone();
        assertThat(k.node.metrics().undeliveredAtShutdown()).isEqualTo(1);
        assertThat(k.registry.get("onex.kafka_effect.undelivered_at_shutdown").tag("node", "kafka_event_effect")
                .gauge().value()).isEqualTo(1.0);
    }

    @Test
    void stopReturnsCleanlyWhenEverySendWasConfirmed() throws Exception {
        MockKafkaPipeline k = MockKafkaPipeline.startHoldingAcks(c -> c);
        CompletableFuture<Object> call = k.call(EVENT);
        k.producer.completeNext();
        call.get(5, TimeUnit.SECONDS);

        k.node.stop();

        assertThat(k.node.metrics().eventsInFlight()).isZero();
        assertThat(k.node.metrics().undeliveredAtShutdown()).isZero();
    }

    @Test
    void metricsSnapshotMatchesTheRegistryAndUsesThePythonKeyNames() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.start()) {
            k.call(EVENT).get(5, TimeUnit.SECONDS);
            k.call(EVENT).get(5, TimeUnit.SECONDS);

            KafkaEffectMetrics m = k.node.metrics();
            Counter published = k.registry.get("onex.kafka_effect.events").tag("node", "kafka_event_effect")
                    .tag("outcome", "published").counter();
            assertThat(published.count()).isEqualTo(2.0);
            assertThat(m.eventsPublished()).isEqualTo(2);
            assertThat(m.circuitBreakerStatus()).isEqualTo("closed");
            assertThat(m.avgPublishTimeMs()).isGreaterThanOrEqualTo(0.0);
            assertThat(m.asMap()).containsOnlyKeys("events_published", "events_failed", "avg_publish_time_ms",
                    "p99_publish_time_ms", "circuit_breaker_status", "events_sent_to_dlq", "retries_attempted",
                    "events_in_flight", "undelivered_at_shutdown");
            assertThat(k.registry.scrape()).contains("onex_kafka_effect_events_total{node=\"kafka_event_effect\","
                    + "outcome=\"published\"} 2.0");
        }
    }

    @Test
    void publishTimeComesFromThePipelinesLatencyOnItsClock() throws Exception {
        try (MockKafkaPipeline k = MockKafkaPipeline.startHoldingAcks(c -> c)) {
            CompletableFuture<Object> call = k.call(EVENT);
            k.clock.advance(java.time.Duration.ofMillis(40));
            k.producer.completeNext();
            call.get(5, TimeUnit.SECONDS);

            assertThat(k.node.metrics().avgPublishTimeMs()).isEqualTo(40.0);
        }
    }
}
