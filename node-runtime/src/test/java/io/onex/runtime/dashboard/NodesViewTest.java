package io.onex.runtime.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.contract.NodeType;
import io.onex.runtime.directory.NodeDirectory;
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

class NodesViewTest {

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
    private final NodeDirectory directory = new NodeDirectory(clock);
    private final ObjectMapper mapper = new ObjectMapper();

    private void announce(String id, String name, HealthStatus health, Map<String, String> breakers) {
        directory.applyIntrospection(new NodeIntrospection(id, name, NodeType.EFFECT, "2.0.1",
                new NodeCapabilities(List.of(), List.of(), List.of(), name, "2.0.1"), Map.of(), Map.of(),
                IntrospectionReason.STARTUP, "", "", 1L), clock.instant());
        directory.applyHeartbeat(new NodeHeartbeat(id, NodeType.EFFECT, health, 1, clock.instant(), 0, null, breakers,
                Duration.ofSeconds(10)), clock.instant());
    }

    private JsonNode json() {
        return mapper.valueToTree(NodesView.of(directory.all(), directory::health, clock.instant()));
    }

    @Test
    void eachInstanceShowsItsStatusAgeHealthBreakersVersionAndInterval() {
        announce("pay-1", "payments", HealthStatus.UNHEALTHY, Map.of("payments", "open"));
        clock.advance(Duration.ofSeconds(7));

        JsonNode row = json().path("nodes").get(0);

        assertThat(row.path("nodeId").asText()).isEqualTo("pay-1");
        assertThat(row.path("name").asText()).isEqualTo("payments");
        assertThat(row.path("type").asText()).isEqualTo("effect");
        assertThat(row.path("version").asText()).isEqualTo("2.0.1");
        assertThat(row.path("status").asText()).isEqualTo("active");
        assertThat(row.path("silentSeconds").asLong()).isEqualTo(7);
        assertThat(row.path("heartbeatSeconds").asLong()).isEqualTo(10);
        assertThat(row.path("health").asText()).isEqualTo("unhealthy");
        assertThat(row.path("breakers").path("payments").asText()).isEqualTo("open");
        assertThat(json().path("now").asLong()).isEqualTo(clock.instant().toEpochMilli());
    }

    @Test
    void aSilentNodeTurnsSuspectAfterTwoIntervalsAndIsListedAfterTheLiveOnes() {
        announce("a-1", "alpha", HealthStatus.HEALTHY, Map.of());
        clock.advance(Duration.ofSeconds(15));
        announce("b-1", "beta", HealthStatus.HEALTHY, Map.of());
        clock.advance(Duration.ofSeconds(6)); // alpha silent 21 s > 2 x 10 s
        directory.sweep();

        JsonNode nodes = json().path("nodes");

        assertThat(nodes.get(0).path("nodeId").asText()).isEqualTo("b-1");
        assertThat(nodes.get(1).path("nodeId").asText()).isEqualTo("a-1");
        assertThat(nodes.get(1).path("status").asText()).isEqualTo("suspect");
    }

    @Test
    void countsTheLiveAndKnownInstancesOfEachNodeName() {
        announce("pay-1", "payments", HealthStatus.HEALTHY, Map.of());
        announce("pay-2", "payments", HealthStatus.HEALTHY, Map.of());
        directory.applyIntrospection(new NodeIntrospection("pay-2", "payments", NodeType.EFFECT, "2.0.1",
                new NodeCapabilities(List.of(), List.of(), List.of(), "payments", "2.0.1"), Map.of(), Map.of(),
                IntrospectionReason.SHUTDOWN, "", "", 1L), clock.instant());

        JsonNode instances = json().path("instances");

        assertThat(instances).hasSize(1);
        assertThat(instances.get(0).path("name").asText()).isEqualTo("payments");
        assertThat(instances.get(0).path("live").asInt()).isEqualTo(1);
        assertThat(instances.get(0).path("known").asInt()).isEqualTo(2);
    }

    @Test
    void aNodeKnownFromHeartbeatsOnlyHasNoVersionYetAndNoHealthBeforeOne() {
        directory.applyIntrospection(new NodeIntrospection("c-1", "gamma", NodeType.COMPUTE, "1.0.0",
                new NodeCapabilities(List.of(), List.of(), List.of(), "gamma", "1.0.0"), Map.of(), Map.of(),
                IntrospectionReason.STARTUP, "", "", 1L), clock.instant());

        assertThat(json().path("nodes").get(0).path("health").asText()).isEmpty();
    }
}
