package io.onex.nodes.dbadapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.EventEnvelope;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bridge events already mapped to the adapter's writes, outside Kafka and the pipeline: what the adapter does to a
 * batch of consumed records, given the records. For tools that measure or check the adapter against its own SQL
 * ({@code onex bench persist} writes these with plain JDBC batches as its reference), never used by the node itself.
 *
 * <pre>{@code
 * MappedBridgeEvents mapped = MappedBridgeEvents.map(events, codec.mapper());
 * try (AdapterDatabase db = AdapterDatabase.open(DatabaseSettings.postgres(url, schema))) {
 *     mapped.writeInBatches(db, 500, Clock.systemUTC());
 *     assert db.rowCounts().equals(mapped.expectedRowCounts());
 * }
 * }</pre>
 */
public final class MappedBridgeEvents {

    private final List<BridgeWrite> writes;

    private MappedBridgeEvents(List<BridgeWrite> writes) {
        this.writes = writes;
    }

    /** Maps every event as the adapter does (an event it cannot map fails here, as it would go to the DLQ). */
    public static MappedBridgeEvents map(List<EventEnvelope> events, ObjectMapper mapper) {
        BridgeEventMapper eventMapper = new BridgeEventMapper(mapper);
        return new MappedBridgeEvents(events.stream().map(eventMapper::map).toList());
    }

    /** The topic (ONEX reference, before any prefix) the bridge publishes an event type on. */
    public static String topicOf(String eventType) {
        return BridgeEventTopics.topicOf(eventType);
    }

    public int size() {
        return writes.size();
    }

    /**
     * Writes every event into {@code db} with the adapter's SQL, {@code batchSize} events per transaction, in order.
     *
     * @throws IllegalStateException when a batch refuses one of its events (the adapter would dead-letter it)
     */
    public void writeInBatches(AdapterDatabase db, int batchSize, Clock clock) throws SQLException {
        BatchWriter writer = new BatchWriter(db.dataSource(), db.dialect(), clock);
        for (int i = 0; i < writes.size(); i += batchSize) {
            List<BridgeWrite> batch = writes.subList(i, Math.min(writes.size(), i + batchSize));
            if (writer.write(batch).stream().anyMatch(o -> o != null)) {
                throw new IllegalStateException("a batch refused one of its events, at event " + i);
            }
        }
    }

    /** The rows these events leave in an empty schema, per table, in {@link AdapterDatabase#rowCounts()}'s order. */
    public Map<String, Long> expectedRowCounts() {
        Map<String, Set<Object>> keyed = new LinkedHashMap<>();
        Map<String, Long> counted = new HashMap<>();
        for (BridgeWrite w : writes) {
            if (w.ledger() != null) {
                counted.merge("event_ledger", 1L, Long::sum);
            }
            if (w.placeholderWorkflowId() != null) {
                keyed.computeIfAbsent("workflow_executions", k -> new HashSet<>()).add(w.placeholderWorkflowId());
            }
            if (w.kind() == null) {
                continue;
            }
            if (w.kind().updatesOnConflict()) {
                keyed.computeIfAbsent(w.kind().table(), k -> new HashSet<>()).add(w.values()[0]);
            } else {
                counted.merge(w.kind().table(), 1L, Long::sum);
            }
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : WriteKind.TABLES) {
            rows.put(table, keyed.containsKey(table) ? keyed.get(table).size() : counted.getOrDefault(table, 0L));
        }
        return rows;
    }
}
