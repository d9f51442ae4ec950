package io.onex.runtime.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.contract.NodeType;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.introspection.IntrospectionReason;
import io.onex.runtime.introspection.NodeCapabilities;
import io.onex.runtime.introspection.NodeHeartbeat;
import io.onex.runtime.introspection.NodeIntrospection;
import io.onex.runtime.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeDirectoryRequestTopicTest {

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
    private final NodeDirectory directory = new NodeDirectory(clock);

    private NodeIntrospection introspection(Map<String, Object> metadata) {
        return new NodeIntrospection("b-1", "pricing_compute", NodeType.COMPUTE, "1.0.0",
                new NodeCapabilities(List.of("compute"), List.of(), List.of(), "pricing_compute", "1.0.0"), Map.of(),
                metadata, IntrospectionReason.STARTUP, "", "", 1L);
    }

    @Test
    void keepsTheRequestTopicAnIntrospectionAnnouncesThroughLaterHeartbeats() {
        directory.applyIntrospection(introspection(Map.of(NodeDirectory.REQUEST_TOPIC,
                "dev.t.onex.cmd.pricing-quote-requested.v1")), clock.instant());
        directory.applyHeartbeat(new NodeHeartbeat("b-1", NodeType.COMPUTE, HealthStatus.HEALTHY, 1, clock.instant(),
                0, null, Map.of(), Duration.ofSeconds(30)), clock.instant());

        assertThat(directory.findByName("pricing_compute")).singleElement()
                .extracting(NodeEntry::requestTopic).isEqualTo("dev.t.onex.cmd.pricing-quote-requested.v1");
    }

    @Test
    void anIntrospectionWithoutOneLeavesItEmpty() {
        directory.applyIntrospection(introspection(Map.of("runtime_id", "r")), clock.instant());

        assertThat(directory.findByName("pricing_compute")).singleElement()
                .extracting(NodeEntry::requestTopic).isEqualTo("");
    }
}
