package io.onex.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.runtime.testing.NodeTestKit;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime's own publishers count what they send under the Python services' kf_* names. */
class KafkaFlowMetricsTest {

    private static final Path ECHO = Path.of("src/test/resources/it-contracts/uppercase_echo.yaml");

    @Test
    void aNodesPublishIsCountedWithItsLatencyPerTopic() throws Exception {
        try (NodeTestKit kit = NodeTestKit.forContract(ECHO).build()) {
            EventEnvelope in = EventEnvelope.create("IT_INPUT", "corr-1", null, Instant.parse("2026-01-01T00:00:00Z"),
                    new EventSource("test", "effect", "test-1"), Map.of(), Map.of("text", "hi"));
            kit.deliver(in).join();
            kit.deliver(in).join();

            MeterRegistry registry = kit.runtime().meterRegistry();
            String topic = kit.topic("onex.evt.it-echoed.v1");
            assertThat(registry.get("kf.messages.produced").tag("topic", topic).counter().count()).isEqualTo(2);
            DistributionSummary latency = registry.get("kf.produce.latency.sec").tag("topic", topic).summary();
            assertThat(latency.count()).isEqualTo(2);
            assertThat(kit.runtime().meterRegistry().scrape())
                    .contains("kf_messages_produced_total{topic=\"" + topic + "\"} 2.0")
                    .contains("kf_produce_latency_sec_bucket{topic=\"" + topic + "\"");
        }
    }
}
