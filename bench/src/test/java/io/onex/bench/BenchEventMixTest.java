package io.onex.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.nodes.database.DatabaseSettings;
import io.onex.nodes.dbadapter.AdapterDatabase;
import io.onex.nodes.dbadapter.MappedBridgeEvents;
import io.onex.runtime.envelope.EnvelopeCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchEventMixTest {

    @TempDir
    Path dir;

    @Test
    void generatesExactlyTheAskedNumberOfEventsTheSameEveryRun() {
        List<EventEnvelope> first = new BenchEventMix().generate(1_234);
        List<EventEnvelope> second = new BenchEventMix().generate(1_234);

        assertThat(first).hasSize(1_234);
        assertThat(first).extracting(EventEnvelope::eventType).containsExactlyElementsOf(
                second.stream().map(EventEnvelope::eventType).toList());
    }

    @Test
    void theReferenceRunLeavesExactlyTheRowsTheBenchExpects() throws Exception {
        // the persist bench checks both contenders against expectedRowCounts(); here on the embedded database
        MappedBridgeEvents mapped = MappedBridgeEvents.map(new BenchEventMix().generate(2_000),
                new EnvelopeCodec().mapper());

        try (AdapterDatabase db = AdapterDatabase.open(DatabaseSettings.embedded(dir.resolve("bench.db")))) {
            mapped.writeInBatches(db, 500, Clock.systemUTC());

            assertThat(db.rowCounts()).isEqualTo(mapped.expectedRowCounts());
        }
        assertThat(mapped.expectedRowCounts()).containsKeys("workflow_executions", "metadata_stamps", "event_ledger")
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
    }
}
