package io.onex.nodes.dbadapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.NonRetryableException;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.testing.ManualScheduler;
import io.onex.runtime.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batching on the injected scheduler, against the embedded database (no server needed). */
class WriteBatcherTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T05:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final BridgeEvents events = new BridgeEvents();
    private final BridgeEventMapper mapper = new BridgeEventMapper(BridgeEvents.CODEC.mapper());
    private Path folder;
    private AdapterDatabase db;
    private WriteBatcher batcher;

    @BeforeEach
    void open() throws Exception {
        folder = TestDatabases.tempFolder();
        db = TestDatabases.sqlite(folder);
        batcher = new WriteBatcher(new BatchWriter(db.dataSource(), db.dialect(), clock), 3, Duration.ofSeconds(1),
                scheduler, db::describe, "test-node");
    }

    @AfterEach
    void close() throws Exception {
        batcher.close(Duration.ofSeconds(5));
        db.close();
        try (var files = java.nio.file.Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private CompletableFuture<Void> add(int i) {
        return batcher.add(mapper.map(events.heartbeat("node-" + i, HealthStatus.HEALTHY)));
    }

    @Test
    void aBatchWaitsForItsLingerThenCommits() throws Exception {
        CompletableFuture<Void> first = add(1);
        CompletableFuture<Void> second = add(2);

        clock.advance(Duration.ofMillis(999));
        scheduler.runDue();
        assertThat(first).isNotDone();
        assertThat(db.rowCounts()).containsEntry("node_registrations", 0L);

        scheduler.advance(Duration.ofMillis(1));
        CompletableFuture.allOf(first, second).get(10, TimeUnit.SECONDS);
        assertThat(db.rowCounts()).containsEntry("node_registrations", 2L);
    }

    @Test
    void aFullBatchIsWrittenAtOnceWithoutWaitingForTheLinger() throws Exception {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            done.add(add(i));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(db.rowCounts()).containsEntry("node_registrations", 3L);
        assertThat(add(4)).isNotDone(); // the next batch starts empty and lingers again
    }

    @Test
    void aWriteTheDatabaseRefusesFailsAloneAsNonRetryable() throws Exception {
        // a step of a workflow whose id exists under another correlation: fine; a stamp with a foreign key to
        // nothing cannot happen (placeholders), so refuse a value instead: a started workflow reusing a correlation
        var run = events.workflowRun(false);
        var other = events.workflowRun(false);
        var clash = BridgeEvents.wire(new io.onex.api.EventEnvelope("clash-1", run.get(0).eventType(),
                run.get(0).correlationId(), null, other.get(0).timestamp(), "1.0.0", other.get(0).source(), Map.of(),
                other.get(0).payload(), Map.of()));
        CompletableFuture<Void> good = batcher.add(mapper.map(run.get(0)));
        CompletableFuture<Void> bad = batcher.add(mapper.map(clash));
        CompletableFuture<Void> alsoGood = add(9);

        CompletableFuture.allOf(good, alsoGood).get(10, TimeUnit.SECONDS);
        assertThat(bad).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(NonRetryableException.class)
                .withMessageContaining("event clash-1 cannot be written to workflow_executions");
    }

    @Test
    void aBatchTheDatabaseDoesNotTakeFailsEveryWriteAsUnavailable() throws Exception {
        db.close(); // the pool refuses every connection from now on
        CompletableFuture<Void> a = add(1);
        CompletableFuture<Void> b = add(2);
        scheduler.advance(Duration.ofSeconds(1));

        for (CompletableFuture<Void> f : List.of(a, b)) {
            assertThat(f).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(DatabaseUnavailableException.class)
                    .withMessageContaining("did not take a batch of 2 event(s)");
        }
    }

    @Test
    void aStoppedBatcherRefusesNewWritesAndWritesWhatItHeld() throws Exception {
        CompletableFuture<Void> held = add(1);
        batcher.close(Duration.ofSeconds(5));

        held.get(10, TimeUnit.SECONDS);
        assertThat(add(2)).isCompletedExceptionally();
    }
}
