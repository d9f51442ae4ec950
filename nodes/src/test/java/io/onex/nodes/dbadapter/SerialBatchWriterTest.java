package io.onex.nodes.dbadapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.NonRetryableException;
import io.onex.api.batch.BatchOutcome;
import io.onex.runtime.health.HealthStatus;
import io.onex.runtime.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One transaction per batch handed in, on the writer thread, against the embedded database. */
class SerialBatchWriterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T05:00:00Z"));
    private final BridgeEvents events = new BridgeEvents();
    private final BridgeEventMapper mapper = new BridgeEventMapper(BridgeEvents.CODEC.mapper());
    private Path folder;
    private AdapterDatabase db;
    private SerialBatchWriter writer;

    @BeforeEach
    void open() throws Exception {
        folder = TestDatabases.tempFolder();
        db = TestDatabases.sqlite(folder);
        writer = new SerialBatchWriter(new BatchWriter(db.dataSource(), db.dialect(), clock), db::describe,
                "test-node");
    }

    @AfterEach
    void close() throws Exception {
        writer.close(Duration.ofSeconds(5));
        db.close();
        try (var files = java.nio.file.Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private BridgeWrite heartbeat(int i) {
        return mapper.map(events.heartbeat("node-" + i, HealthStatus.HEALTHY));
    }

    @Test
    void aBatchIsWrittenInOneTransactionAndEveryWriteIsDone() throws Exception {
        BatchOutcome outcome = writer.write(List.of(heartbeat(1), heartbeat(2), heartbeat(3))).get(10, TimeUnit.SECONDS);

        assertThat(outcome.size()).isEqualTo(3);
        assertThat(outcome.failed()).isZero();
        assertThat(db.rowCounts()).containsEntry("node_registrations", 3L);
    }

    @Test
    void aWriteTheDatabaseRefusesFailsAloneAsNonRetryableAndTheRestCommit() throws Exception {
        // a started workflow reusing another's correlation id: correlation_id is unique
        var run = events.workflowRun(false);
        var other = events.workflowRun(false);
        var clash = BridgeEvents.wire(new EventEnvelope("clash-1", run.get(0).eventType(), run.get(0).correlationId(),
                null, other.get(0).timestamp(), "1.0.0", other.get(0).source(), Map.of(), other.get(0).payload(),
                Map.of()));

        BatchOutcome outcome = writer.write(List.of(mapper.map(run.get(0)), mapper.map(clash), heartbeat(9)))
                .get(10, TimeUnit.SECONDS);

        assertThat(outcome.failure(0)).isNull();
        assertThat(outcome.failure(1)).isInstanceOf(NonRetryableException.class)
                .hasMessageContaining("event clash-1 cannot be written to workflow_executions");
        assertThat(outcome.failure(2)).isNull();
        assertThat(db.rowCounts()).containsEntry("workflow_executions", 1L).containsEntry("node_registrations", 1L);
    }

    @Test
    void aBatchTheDatabaseDoesNotTakeFailsAsAWholeAsUnavailable() {
        db.close(); // the pool refuses every connection from now on

        CompletableFuture<BatchOutcome> written = writer.write(List.of(heartbeat(1), heartbeat(2)));

        assertThat(written).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(DatabaseUnavailableException.class)
                .withMessageContaining("did not take a batch of 2 event(s)");
    }

    @Test
    void aStoppedWriterWritesWhatItWasHandedAndRefusesMore() throws Exception {
        CompletableFuture<BatchOutcome> handed = writer.write(List.of(heartbeat(1)));
        writer.close(Duration.ofSeconds(5));

        assertThat(handed.get(10, TimeUnit.SECONDS).failed()).isZero();
        assertThat(writer.write(List.of(heartbeat(2)))).isCompletedExceptionally();
    }
}
