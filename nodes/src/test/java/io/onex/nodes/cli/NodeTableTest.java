package io.onex.nodes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.contract.NodeType;
import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.directory.NodeEntry;
import io.onex.runtime.directory.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeTableTest {
    private static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");

    private static NodeEntry entry(String id, String name, NodeStatus status, Instant lastHeartbeat,
            Map<String, String> breakers) {
        return new NodeEntry(id, name, NodeType.EFFECT, "1.0.0", status, lastHeartbeat, NOW.minusSeconds(1),
                Duration.ofSeconds(30), breakers, 1L, List.of(), List.of(), List.of("execute_effect"), true);
    }

    @Test
    void listsLiveNodesFirstWithHeartbeatAgeAndBreakerStatesInAlignedColumns() {
        String table = NodeTable.render(List.of(
                entry("zeta-2", "zeta", NodeStatus.EXPIRED, NOW.minus(Duration.ofMinutes(5)), Map.of()),
                entry("alpha-1", "alpha", NodeStatus.ACTIVE, NOW.minusMillis(1500), Map.of("alpha", "closed")),
                entry("beta-1", "beta", NodeStatus.SUSPECT, null, Map.of("beta", "open"))), NOW);

        assertThat(table.lines()).containsExactly(
                "NODE ID  NAME   TYPE    VERSION  STATUS   LAST HEARTBEAT  BREAKERS",
                "alpha-1  alpha  effect  1.0.0    active   1s ago          alpha=closed",
                "beta-1   beta   effect  1.0.0    suspect  -               beta=open",
                "zeta-2   zeta   effect  1.0.0    expired  5m ago          -");
    }

    @Test
    void aChangeReadsAsTimeWhatHappenedNodeAndHeartbeatAge() {
        NodeEntry expired = entry("zeta-2", "zeta", NodeStatus.EXPIRED, NOW.minusSeconds(95), Map.of());

        assertThat(NodeTable.changeLine(new NodeDirectory.Change(NodeDirectory.ChangeKind.EXPIRED, expired), NOW))
                .isEqualTo("04:00:00  expired   zeta-2  zeta  effect  1.0.0  last heartbeat 95s ago");
    }

    @Test
    void agesReadInTheLargestUnitThatKeepsThemShort() {
        assertThat(NodeTable.age(Duration.ofMillis(850))).isEqualTo("850ms ago");
        assertThat(NodeTable.age(Duration.ofSeconds(119))).isEqualTo("119s ago");
        assertThat(NodeTable.age(Duration.ofMinutes(119))).isEqualTo("119m ago");
        assertThat(NodeTable.age(Duration.ofHours(5))).isEqualTo("5h ago");
        assertThat(NodeTable.age(Duration.ofSeconds(-3))).isEqualTo("0ms ago");
    }
}
