package io.onex.runtime.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.contract.NodeType;
import io.onex.runtime.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@code onex nodes} shows, on virtual time. */
class NodeFilterTest {

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);

    private NodeEntry entry(String id, String name, NodeType type, NodeStatus status, Duration seenAgo) {
        Instant seen = clock.instant().minus(seenAgo);
        return new NodeEntry(id, name, type, "1.0.0", status, seen, seen, Duration.ofSeconds(30), Map.of(), 0,
                List.of(), List.of(), List.of(), true);
    }

    private final NodeEntry active = entry("reducer-a", "bridge_reducer", NodeType.REDUCER, NodeStatus.ACTIVE,
            Duration.ofSeconds(5));
    private final NodeEntry suspectLongAgo = entry("orch-b", "bridge_orchestrator", NodeType.ORCHESTRATOR,
            NodeStatus.SUSPECT, Duration.ofMinutes(30));
    private final NodeEntry expiredRecently = entry("effect-c", "kafka_event_effect", NodeType.EFFECT,
            NodeStatus.EXPIRED, Duration.ofMinutes(9));
    private final NodeEntry expiredLongAgo = entry("effect-d", "kafka_event_effect", NodeType.EFFECT,
            NodeStatus.EXPIRED, Duration.ofMinutes(11));
    private final NodeEntry offlineLongAgo = entry("registry-e", "bridge_registry", NodeType.EFFECT,
            NodeStatus.OFFLINE, Duration.ofHours(2));
    private final List<NodeEntry> all = List.of(active, suspectLongAgo, expiredRecently, expiredLongAgo,
            offlineLongAgo);

    @Test
    void expiredAndOfflineEntriesLastSeenOverTenMinutesAgoAreHiddenButLiveOnesNever() {
        assertThat(NodeFilter.recent().apply(all, clock.instant()))
                .containsExactly(active, suspectLongAgo, expiredRecently);
    }

    @Test
    void anExpiredEntryDropsOutOfTheListingTenMinutesAfterItWasLastSeen() {
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));

        assertThat(NodeFilter.recent().apply(List.of(expiredRecently), clock.instant())).isEmpty();
    }

    @Test
    void allShowsEveryEntry() {
        assertThat(NodeFilter.recent().withAll().apply(all, clock.instant())).isEqualTo(all);
    }

    @Test
    void statusNameGlobAndTypeNarrowTheListingTogether() {
        assertThat(NodeFilter.recent().withStatuses(Set.of(NodeStatus.EXPIRED, NodeStatus.OFFLINE)).withAll()
                .apply(all, clock.instant())).containsExactly(expiredRecently, expiredLongAgo, offlineLongAgo);
        assertThat(NodeFilter.recent().withName("bridge_*").apply(all, clock.instant()))
                .containsExactly(active, suspectLongAgo);
        assertThat(NodeFilter.recent().withName("kafka_event_effec?").withType(NodeType.EFFECT).withAll()
                .apply(all, clock.instant())).containsExactly(expiredRecently, expiredLongAgo);
        assertThat(NodeFilter.recent().withType(NodeType.REDUCER).withStatuses(Set.of(NodeStatus.SUSPECT))
                .apply(all, clock.instant())).isEmpty();
    }

    @Test
    void aGlobMatchesTheWholeNameAndTakesOtherCharactersLiterally() {
        NodeEntry dotted = entry("x", "a.b", NodeType.COMPUTE, NodeStatus.ACTIVE, Duration.ZERO);
        NodeEntry other = entry("y", "axb", NodeType.COMPUTE, NodeStatus.ACTIVE, Duration.ZERO);

        assertThat(NodeFilter.recent().withName("a.b").apply(List.of(dotted, other), clock.instant()))
                .containsExactly(dotted);
        assertThat(NodeFilter.recent().withName("bridge").apply(all, clock.instant())).isEmpty();
    }
}
