package io.onex.nodes.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.nodes.orchestrator.RunRecord.RunState;
import io.onex.runtime.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunBookTest {

    private static final Duration RETENTION = Duration.ofHours(1);
    private final MutableClock clock = MutableClock.atEpochSecond(1_795_000_000L);
    private final RunBook book = new RunBook(clock, RETENTION, 3);

    private RunRecord started(String correlationId, String workflowId, String instance) {
        return RunRecord.started(correlationId, workflowId, instance, "docs", clock.instant());
    }

    private static StampResult stamp(String correlationId, String workflowId) {
        return new StampResult(workflowId, correlationId, "stamp-" + workflowId, "hash", "blake3", "docs", "a.txt",
                1L, "text/plain", "txt", "2026-11-17T00:00:00Z", "not_requested", null, "completed", null);
    }

    @Test
    void aCompletedRunAnswersUntilItsRetentionWindowHasPassed() {
        RunRecord run = started("corr-1", "wf-1", "a");
        book.apply(run);
        book.apply(run.completed(stamp("corr-1", "wf-1"), clock.instant()));

        clock.advance(RETENTION.minusMillis(1));
        assertThat(book.answer("corr-1")).contains(stamp("corr-1", "wf-1"));

        clock.advance(Duration.ofMillis(1));
        assertThat(book.answer("corr-1")).as("the window is over: the id runs again").isEmpty();
        assertThat(book.record("corr-1")).isEmpty();
    }

    @Test
    void aStampedRunAnswersAlreadyAndAStartedOrFailedOneDoesNot() {
        RunRecord a = started("corr-a", "wf-a", "a");
        RunRecord b = started("corr-b", "wf-b", "a");
        RunRecord c = started("corr-c", "wf-c", "a");
        book.apply(a.stamped(stamp("corr-a", "wf-a"), clock.instant()));
        book.apply(b);
        book.apply(c.failed("disk gone", clock.instant()));

        assertThat(book.answer("corr-a")).contains(stamp("corr-a", "wf-a"));
        assertThat(book.answer("corr-b")).isEmpty();
        assertThat(book.answer("corr-c")).as("a failed run is tried again").isEmpty();
    }

    @Test
    void aRecordOfTheSameRunReadBackLateNeverUndoesANewerState() {
        RunRecord run = started("corr-1", "wf-1", "a");
        RunRecord completed = run.completed(stamp("corr-1", "wf-1"), clock.instant());
        book.apply(run);
        book.apply(completed);

        book.apply(run); // the follower reading this instance's own started record back after the completion
        book.apply(run.stamped(stamp("corr-1", "wf-1"), clock.instant()));

        assertThat(book.record("corr-1")).get().extracting(RunRecord::state).isEqualTo(RunState.COMPLETED);
        assertThat(book.unfinishedOf("a")).isEmpty();
    }

    @Test
    void aNewRunOfAFailedIdReplacesItButNoRunReplacesOneThatAnswers() {
        RunRecord first = started("corr-1", "wf-1", "a");
        book.apply(first.failed("disk gone", clock.instant()));
        RunRecord retry = started("corr-1", "wf-2", "a");
        book.apply(retry);
        assertThat(book.record("corr-1")).contains(retry);

        book.apply(retry.completed(stamp("corr-1", "wf-2"), clock.instant()));
        book.apply(started("corr-1", "wf-3", "b")); // another instance, racing on the same id

        assertThat(book.answer("corr-1")).contains(stamp("corr-1", "wf-2"));
    }

    @Test
    void theUnfinishedRunsOfAnInstanceAreItsStartedAndStampedOnesOnly() {
        RunRecord mineStarted = started("corr-1", "wf-1", "a");
        RunRecord mineStamped = started("corr-2", "wf-2", "a").stamped(stamp("corr-2", "wf-2"), clock.instant());
        RunRecord othersStarted = started("corr-3", "wf-3", "b");
        book.apply(mineStarted);
        book.apply(mineStamped);
        book.apply(othersStarted);

        assertThat(book.unfinishedOf("a")).containsExactly(mineStarted, mineStamped);
        assertThat(book.unfinishedOf("b")).containsExactly(othersStarted);

        book.apply(mineStarted.failed("interrupted by restart of instance a", clock.instant()));
        assertThat(book.unfinishedOf("a")).containsExactly(mineStamped);
    }

    @Test
    void anUnfinishedRunOlderThanTheWindowIsNoLongerTakenOver() {
        book.apply(started("corr-1", "wf-1", "a"));

        clock.advance(RETENTION);

        assertThat(book.unfinishedOf("a")).isEmpty();
    }

    @Test
    void atCapacityTheIdWrittenLeastRecentlyIsForgottenFirst() {
        book.apply(started("corr-1", "wf-1", "a"));
        book.apply(started("corr-2", "wf-2", "a"));
        book.apply(started("corr-3", "wf-3", "a"));
        book.apply(started("corr-1", "wf-1", "a").completed(stamp("corr-1", "wf-1"), clock.instant()));

        book.apply(started("corr-4", "wf-4", "a"));

        assertThat(book.size()).isEqualTo(3);
        assertThat(book.record("corr-2")).isEmpty();
        assertThat(book.answer("corr-1")).isPresent();
    }
}
