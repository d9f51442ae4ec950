package io.onex.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClientMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ClientMetrics metrics = new ClientMetrics(registry);

    @Test
    void producedRecordsAreCountedPerTopicUnderThePythonDashboardsName() {
        metrics.produced("orders", TimeUnit.MILLISECONDS.toNanos(3));
        metrics.produced("orders", TimeUnit.MILLISECONDS.toNanos(5));
        metrics.produced("plans", TimeUnit.MILLISECONDS.toNanos(1));

        String scrape = registry.scrape();

        assertThat(scrape).contains("kf_messages_produced_total{topic=\"orders\"} 2.0")
                .contains("kf_messages_produced_total{topic=\"plans\"} 1.0");
    }

    @Test
    void produceLatencyIsAHistogramInSecondsPerTopic() {
        metrics.produced("orders", TimeUnit.MILLISECONDS.toNanos(250));

        String scrape = registry.scrape();

        assertThat(scrape).contains("# TYPE kf_produce_latency_sec histogram")
                .contains("kf_produce_latency_sec_count{topic=\"orders\"} 1")
                .contains("kf_produce_latency_sec_sum{topic=\"orders\"} 0.25")
                .containsPattern("kf_produce_latency_sec_bucket\\{topic=\"orders\",le=\"[0-9.]+\"} 1");
    }

    @Test
    void consumedRecordsAreCountedPerTopicUnderThePythonDashboardsName() {
        metrics.consumed("orders");

        assertThat(registry.scrape()).contains("kf_messages_consumed_total{topic=\"orders\"} 1.0");
    }
}
