package io.onex.runtime.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.onex.api.NonRetryableException;
import io.onex.api.batch.BatchHandler;
import io.onex.api.batch.CallBatcher;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The node-api batcher, its linger on a manual scheduler; batches are handled on the batcher's own thread. */
class CallBatcherTest {

    private final ManualScheduler scheduler = new ManualScheduler(MutableClock.atEpochSecond(1_700_000_000L));
    private final List<List<String>> handled = new CopyOnWriteArrayList<>();
    private CallBatcher<String> batcher;

    private CallBatcher<String> batcher(int maxSize, BatchHandler<String> handler) {
        batcher = CallBatcher.builder(handler).name("test").maxSize(maxSize).linger(Duration.ofSeconds(1))
                .scheduler(scheduler).build();
        return batcher;
    }

    private BatchHandler<String> recording() {
        return batch -> {
            handled.add(List.copyOf(batch));
            return Arrays.asList(new Throwable[batch.size()]);
        };
    }

    @AfterEach
    void close() throws Exception {
        if (batcher != null) {
            batcher.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void itemsWaitForTheLingerThenAreHandledAsOneBatchInOrder() {
        CallBatcher<String> b = batcher(10, recording());
        CompletableFuture<Void> a = b.add("a");
        CompletableFuture<Void> c = b.add("b");

        scheduler.advance(Duration.ofMillis(999));
        assertThat(a).isNotDone();
        assertThat(b.pending()).isEqualTo(2);

        scheduler.advance(Duration.ofMillis(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> a.isDone() && c.isDone());
        assertThat(a).isCompleted();
        assertThat(handled).containsExactly(List.of("a", "b"));
    }

    @Test
    void aFullBatchIsHandedOverAtOnceAndTheNextOneStartsEmpty() {
        CallBatcher<String> b = batcher(2, recording());
        CompletableFuture<Void> first = b.add("a");
        b.add("b");
        CompletableFuture<Void> third = b.add("c");

        await().atMost(Duration.ofSeconds(5)).until(first::isDone);
        assertThat(handled).containsExactly(List.of("a", "b"));
        assertThat(third).isNotDone();
        assertThat(b.pending()).isEqualTo(1);
    }

    @Test
    void anItemTheHandlerRefusesFailsAloneWithItsOwnFailure() {
        NonRetryableException refused = new NonRetryableException("row refused");
        CallBatcher<String> b = batcher(2, batch -> {
            List<Throwable> out = new ArrayList<>(Arrays.asList(new Throwable[batch.size()]));
            out.set(1, refused);
            return out;
        });
        CompletableFuture<Void> good = b.add("a");
        CompletableFuture<Void> bad = b.add("b");

        await().atMost(Duration.ofSeconds(5)).until(() -> good.isDone() && bad.isDone());
        assertThat(good).isCompleted();
        assertThat(bad).isCompletedExceptionally();
        assertThat(bad.handle((v, e) -> e).join()).isSameAs(refused);
    }

    @Test
    void aHandlerThatThrowsFailsEveryItemWithWhatBatchFailureMakesOfIt() {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        batcher = CallBatcher.<String>builder(batch -> {
            throw new IOException("connection refused");
        }).maxSize(2).scheduler(scheduler).batchFailure((size, e) -> {
            sizes.add(size);
            return new IllegalStateException("store down: " + e.getMessage(), e);
        }).build();
        CompletableFuture<Void> a = batcher.add("a");
        CompletableFuture<Void> c = batcher.add("b");

        await().atMost(Duration.ofSeconds(5)).until(() -> a.isDone() && c.isDone());
        for (CompletableFuture<Void> f : List.of(a, c)) {
            assertThat(f.handle((v, e) -> e).join()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("store down: connection refused").hasCauseInstanceOf(IOException.class);
        }
        assertThat(sizes).containsExactly(2);
    }

    @Test
    void aHandlerReturningTheWrongNumberOfOutcomesFailsEveryItemSayingSo() {
        CallBatcher<String> b = batcher(2, batch -> List.of());
        CompletableFuture<Void> a = b.add("a");
        b.add("b");

        await().atMost(Duration.ofSeconds(5)).until(a::isDone);
        assertThat(a.handle((v, e) -> e).join()).isInstanceOf(IllegalStateException.class)
                .hasMessage("batch handler of test returned 0 outcomes for 2 items: expected one per item");
    }

    @Test
    void closeHandsOverWhatIsPendingAndRefusesNewItems() throws Exception {
        CallBatcher<String> b = batcher(10, recording());
        CompletableFuture<Void> held = b.add("a");

        assertThat(b.close(Duration.ofSeconds(5))).isTrue();

        assertThat(held).isCompleted();
        assertThat(handled).containsExactly(List.of("a"));
        assertThat(b.add("late")).isCompletedExceptionally();
        assertThat(b.add("late").handle((v, e) -> e.getMessage()).join()).isEqualTo("batcher test is closed");
    }

    @Test
    void buildNamesEverySettingOutOfRange() {
        assertThatThrownBy(() -> CallBatcher.<String>builder(batch -> List.of()).name("sink").maxSize(0)
                .linger(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batcher sink: maxSize must be at least 1, but was 0; linger must be positive, but was"
                        + " PT0S; scheduler is required (the node's injected ScheduledExecutorService)");
    }
}
