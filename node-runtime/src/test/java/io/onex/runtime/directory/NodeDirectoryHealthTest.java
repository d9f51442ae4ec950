package io.onex.runtime.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.contract.NodeType;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.introspection.NodeHeartbeat;
import io.onex.runtime.testing.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeDirectoryHealthTest {

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
    private final NodeDirectory directory = new NodeDirectory(clock);

    private NodeHeartbeat heartbeat(HealthStatus health) {
        return new NodeHeartbeat("n-1", NodeType.EFFECT, health, 1, clock.instant(), 0, null, Map.of(),
                Duration.ofSeconds(30));
    }

    @Test
    void keepsTheHealthOfEachNodesLastHeartbeat() {
        directory.applyHeartbeat(heartbeat(HealthStatus.HEALTHY), clock.instant());
        clock.advance(Duration.ofSeconds(30));
        directory.applyHeartbeat(heartbeat(HealthStatus.UNHEALTHY), clock.instant());

        assertThat(directory.health("n-1")).contains(HealthStatus.UNHEALTHY);
        assertThat(directory.find("n-1")).get().extracting(NodeEntry::status).isEqualTo(NodeStatus.ACTIVE);
    }

    @Test
    void knowsNoHealthBeforeTheFirstHeartbeat() {
        assertThat(directory.health("n-1")).isEmpty();
    }
}
