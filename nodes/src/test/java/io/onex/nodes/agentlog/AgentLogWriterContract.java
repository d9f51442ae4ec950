package io.onex.nodes.agentlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.onex.api.EventEnvelope;
import io.onex.api.EventSource;
import io.onex.api.NonRetryableException;
import io.onex.nodes.database.Database;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.testing.MutableClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the logger's writer guarantees on either database: {@link SqliteAgentLogWriterTest} (embedded) and
 * {@link PostgresAgentLogWriterIT} run the same tests.
 */
abstract class AgentLogWriterContract {

    static final Instant NOW = Instant.parse("2026-01-02T03:04:05.123456Z");

    private final AgentEventMapper mapper = new AgentEventMapper(EnvelopeCodec.defaultMapper());

    abstract Database db();

    AgentLogWriter writer() {
        return new AgentLogWriter(db().dataSource(), db().dialect(), new MutableClock(NOW));
    }

    static EventEnvelope envelope(AgentTopic topic, Map<String, Object> payload) {
        return EventEnvelope.create(topic.eventType(), UUID.randomUUID().toString(), null, NOW,
                new EventSource("omniclaude", "effect", "coordinator-1"), Map.of(), payload);
    }

    AgentRow row(AgentTopic topic, int n) {
        return mapper.map(envelope(topic, AgentEventSamples.payload(topic, n)));
    }

    @Test
    void writesEveryTopicToItsTableInOneBatch() throws Exception {
        List<AgentRow> rows = new ArrayList<>();
        for (AgentTopic t : AgentTopic.values()) {
            rows.add(row(t, 1));
            rows.add(row(t, 2));
        }

        assertThat(writer().write(rows)).containsOnlyNulls().hasSize(rows.size());

        assertThat(db().rowCounts()).hasSize(7).allSatisfy((table, count) -> assertThat(count).as(table).isEqualTo(2));
        AgentRow routing = rows.get(0);
        Map<String, String> stored = rowOf("agent_routing_decisions", routing.eventId());
        assertThat(stored).containsEntry("selected_agent", "agent-debug-intelligence")
                .containsEntry("routing_strategy", "enhanced_fuzzy_matching")
                .containsEntry("event_type", "AGENT_ROUTING_DECISION")
                .containsEntry("source_node_id", "coordinator-1");
        assertThat(Double.parseDouble(stored.get("confidence_score"))).isEqualTo(0.92);
        assertThat(stored.get("alternatives")).contains("\"agent_name\"").contains("agent-testing");
        assertThat(Instant.parse(stored.get("event_timestamp").replace(' ', 'T').replace("+00", "Z")
                .replaceAll("Z+$", "Z"))).isEqualTo(NOW);
    }

    @Test
    void writingTheSameEventsAgainLeavesTheSameRows() throws Exception {
        List<AgentRow> rows = new ArrayList<>();
        for (AgentTopic t : AgentTopic.values()) {
            rows.add(row(t, 3));
        }
        writer().write(rows);
        Map<String, List<String>> before = snapshot();

        List<AgentRow> again = new ArrayList<>(rows);
        again.addAll(rows); // twice in one batch, too
        assertThat(writer().write(again)).containsOnlyNulls();

        assertThat(snapshot()).isEqualTo(before);
        assertThat(db().rowCounts()).allSatisfy((table, count) -> assertThat(count).as(table).isEqualTo(1));
    }

    @Test
    void aRowTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsWritten() throws Exception {
        Map<String, Object> bad = new LinkedHashMap<>(AgentEventSamples.payload(AgentTopic.QUALITY_GATE, 1));
        bad.put("status", "green"); // the table's CHECK refuses it (the schema would have, before the node)
        AgentRow poison = mapper.map(envelope(AgentTopic.QUALITY_GATE, bad));
        List<AgentRow> rows = List.of(row(AgentTopic.QUALITY_GATE, 1), poison, row(AgentTopic.EXECUTION_LOG, 1));

        List<NonRetryableException> outcomes = writer().write(rows);

        assertThat(outcomes.get(0)).isNull();
        assertThat(outcomes.get(2)).isNull();
        assertThat(outcomes.get(1)).isNotNull().hasMessageStartingWith("AGENT_QUALITY_GATE event " + poison.eventId()
                + " cannot be written to agent_quality_gates");
        assertThat(db().rowCounts()).containsEntry("agent_quality_gates", 1L).containsEntry("agent_execution_logs", 1L);
    }

    private Map<String, String> rowOf(String table, String eventId) throws Exception {
        try (Connection c = db().dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM " + table)) { // fixed table names of the test
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                if (rs.getString("event_id").equals(eventId)) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnName(i), rs.getString(i));
                    }
                    c.rollback();
                    return row;
                }
            }
            c.rollback();
        }
        throw new AssertionError("no row " + eventId + " in " + table);
    }

    Map<String, List<String>> snapshot() throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (Connection c = db().dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String table : AgentTopic.TABLES) {
                List<String> lines = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder sb = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            sb.append(md.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                        }
                        lines.add(sb.toString());
                    }
                }
                lines.sort(null);
                rows.put(table, lines);
            }
            c.rollback();
        }
        return rows;
    }
}
