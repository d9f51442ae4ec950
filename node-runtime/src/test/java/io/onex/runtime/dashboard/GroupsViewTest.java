package io.onex.runtime.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.runtime.ops.GroupReport;
import io.onex.runtime.ops.GroupState;
import io.onex.runtime.ops.LagThresholds;
import io.onex.runtime.ops.PartitionLag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GroupsViewTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);
    private final LagHistory history = new LagHistory(Duration.ofMinutes(10));
    private final ObjectMapper mapper = new ObjectMapper();

    private static GroupReport group(String id, int members, long committed, long end) {
        return new GroupReport(id, GroupState.STABLE, members, List.of(
                new PartitionLag("dev.t.onex.evt.a.v1", 0, Optional.of("node-1 (127.0.0.1)"),
                        OptionalLong.of(committed), end),
                new PartitionLag("dev.t.onex.evt.a.v1", 1, Optional.empty(), OptionalLong.empty(), 3)));
    }

    private JsonNode json(List<GroupReport> reports, Instant now) {
        return mapper.valueToTree(GroupsView.of(reports, LagThresholds.DEFAULTS, history, now));
    }

    @Test
    void eachGroupCarriesTheVerdictOfOnexGroupsAndItsPartitions() {
        JsonNode g = json(List.of(group("orders", 1, 100, 1_600)), T0).path("groups").get(0);

        assertThat(g.path("groupId").asText()).isEqualTo("orders");
        assertThat(g.path("state").asText()).isEqualTo("stable");
        assertThat(g.path("members").asInt()).isEqualTo(1);
        assertThat(g.path("totalLag").asLong()).isEqualTo(1_500);
        assertThat(g.path("verdict").asText()).isEqualTo("warning");
        assertThat(g.path("reason").asText()).isEqualTo("lag 1500 > 1000");
        JsonNode p0 = g.path("partitions").get(0);
        assertThat(p0.path("owner").asText()).isEqualTo("node-1 (127.0.0.1)");
        assertThat(p0.path("committed").asLong()).isEqualTo(100);
        assertThat(p0.path("end").asLong()).isEqualTo(1_600);
        assertThat(p0.path("lag").asLong()).isEqualTo(1_500);
        JsonNode p1 = g.path("partitions").get(1);
        assertThat(p1.path("owner").isNull()).isTrue();
        assertThat(p1.path("committed").isNull()).isTrue();
        assertThat(p1.path("lag").isNull()).isTrue();
    }

    @Test
    void aGroupWithoutMembersThatLagsIsCritical() {
        JsonNode g = json(List.of(group("orphans", 0, 0, 5)), T0).path("groups").get(0);

        assertThat(g.path("verdict").asText()).isEqualTo("critical");
        assertThat(g.path("reason").asText()).isEqualTo("lag 5 and no members to consume it");
    }

    @Test
    void theChartHoldsTheLastTenMinutesOfSamples() {
        json(List.of(group("orders", 1, 0, 10)), T0);
        json(List.of(group("orders", 1, 0, 20)), T0.plusSeconds(300));
        JsonNode history = json(List.of(group("orders", 1, 0, 30)), T0.plusSeconds(660))
                .path("groups").get(0).path("history");

        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("at").asLong()).isEqualTo(T0.plusSeconds(300).toEpochMilli());
        assertThat(history.get(0).path("lag").asLong()).isEqualTo(20);
        assertThat(history.get(1).path("lag").asLong()).isEqualTo(30);
    }

    @Test
    void aHistoryWindowMustBePositive() {
        assertThatThrownBy(() -> new LagHistory(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window must be greater than 0, but was PT0S");
    }
}
