package io.onex.nodes.reducer;

import static io.onex.api.bridge.ReducerEventFields.AGGREGATION_COMPLETED;
import static io.onex.nodes.reducer.ReducerFixture.stamp;
import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A window published just before a crash, whose records' offsets were not committed: its records are delivered again
 * to the restarted reducer, which must not count them twice (docs/faults.md, defect 7).
 */
class ReducerReplayAfterCrashTest {

    @Test
    void aWindowsCompletionNamesTheConsumedEventsItCounted() {
        ReducerFixture f = new ReducerFixture(2, "5s");
        EventEnvelope a = stamp("docs", 1, "md", "wf-1");
        EventEnvelope b = stamp("docs", 1, "md", "wf-2");
        f.reduce(a);
        f.reduce(b).join();

        assertThat(f.sent(AGGREGATION_COMPLETED)).singleElement().satisfies(e -> assertThat(
                e.metadata().get(WindowEvents.METADATA_CONSUMED_EVENT_IDS)).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.list(String.class))
                .containsExactlyInAnyOrder(a.eventId(), b.eventId()));
    }

    @Test
    void eventsAWindowPublishedBeforeARestartCountedCompleteAtOnceAndAreNotCountedAgain() {
        ReducerFixture before = new ReducerFixture(3, "5s");
        List<EventEnvelope> published = List.of(stamp("docs", 10, "md", "wf-1"), stamp("docs", 10, "md", "wf-2"),
                stamp("docs", 10, "md", "wf-3"));
        published.forEach(before::reduce); // the window is published; the kill comes before the offsets' commit
        Set<String> readBack = new HashSet<>();
        before.sent(AGGREGATION_COMPLETED).forEach(e -> ((List<?>) e.metadata()
                .get(WindowEvents.METADATA_CONSUMED_EVENT_IDS)).forEach(id -> readBack.add((String) id)));

        ReducerFixture restarted = new ReducerFixture(3, "5s", readBack);
        List<CompletableFuture<WindowAggregate>> replayed = published.stream().map(restarted::reduce).toList();
        assertThat(replayed).allSatisfy(call -> assertThat(call).isCompletedWithValue(null));
        assertThat(restarted.node.openWindowItems()).as("nothing folded").isEmpty();

        restarted.reduce(stamp("docs", 10, "md", "wf-4"));
        restarted.reduce(stamp("docs", 10, "md", "wf-5"));
        restarted.reduce(stamp("docs", 10, "md", "wf-6")).join();
        assertThat(restarted.node.totals().get("docs").totalStamps()).isEqualTo(3);
        assertThat(restarted.sent(AGGREGATION_COMPLETED)).hasSize(1);
    }
}
