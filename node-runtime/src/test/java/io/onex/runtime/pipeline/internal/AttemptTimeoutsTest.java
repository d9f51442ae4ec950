package io.onex.runtime.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class AttemptTimeoutsTest {

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final AttemptTimeouts timeouts = new AttemptTimeouts("n", Duration.ofSeconds(5), clock, scheduler);

    @Test
    void eachRunningAttemptTimesOutAtItsOwnDeadline() {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        CompletionStage<String> a = timeouts.within(() -> first);
        scheduler.advance(Duration.ofSeconds(2));
        CompletionStage<String> b = timeouts.within(() -> second);

        scheduler.advance(Duration.ofMillis(2999));
        assertThat(a.toCompletableFuture()).isNotDone();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(a.toCompletableFuture()).isCompletedExceptionally();
        assertThat(first).failsWithin(Duration.ZERO).withThrowableThat().withCauseInstanceOf(TimeoutException.class);
        assertThat(b.toCompletableFuture()).isNotDone();

        scheduler.advance(Duration.ofMillis(1999));
        assertThat(b.toCompletableFuture()).isNotDone();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(second).isCompletedExceptionally();
        assertThat(scheduler.requestedDelays()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    @Test
    void attemptsThatFinishInTimeAreNotTouchedAndTheTaskStopsWhenNothingIsLeft() {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        CompletionStage<String> a = timeouts.within(() -> first);
        CompletionStage<String> b = timeouts.within(() -> second);
        first.complete("one");
        second.complete("two");

        scheduler.advance(Duration.ofSeconds(5));

        assertThat(a.toCompletableFuture()).isCompletedWithValue("one");
        assertThat(b.toCompletableFuture()).isCompletedWithValue("two");
        assertThat(scheduler.pendingTasks()).isZero();
        assertThat(scheduler.requestedDelays()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void anAttemptAfterTheTaskStoppedArmsItAgain() {
        timeouts.within(() -> CompletableFuture.failedFuture(new IllegalStateException("not registered")));
        CompletableFuture<String> early = new CompletableFuture<>();
        timeouts.within(() -> early);
        early.complete("done");
        scheduler.advance(Duration.ofSeconds(5));
        CompletableFuture<String> hung = new CompletableFuture<>();

        timeouts.within(() -> hung);
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(hung).isCompletedExceptionally();
    }

    @Test
    void anAttemptDoneOnReturnSchedulesNothing() {
        CompletionStage<String> done = timeouts.within(() -> CompletableFuture.completedFuture("now"));

        assertThat(done.toCompletableFuture()).isCompletedWithValue("now");
        assertThat(scheduler.requestedDelays()).isEmpty();
    }

    @Test
    void aFinishedOldestAttemptDoesNotDelayTheTimeoutOfTheNext() {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> hung = new CompletableFuture<>();
        timeouts.within(() -> first);
        scheduler.advance(Duration.ofSeconds(1));
        timeouts.within(() -> hung);
        first.complete("ok");

        scheduler.advance(Duration.ofSeconds(4));
        assertThat(hung).isNotDone();
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(hung).isCompletedExceptionally();
    }
}
