package io.onex.nodes.agentlog;

import io.onex.api.NonRetryableException;
import io.onex.nodes.database.PoisonIsolatingTransaction;
import io.onex.nodes.database.SqlDialect;
import io.onex.runtime.deadletter.SecretRedactor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Writes a batch of {@link AgentRow}s in one transaction, one JDBC batch per table, each row
 * {@code INSERT ... ON CONFLICT (event_id) DO NOTHING}: an event written before (a redelivery) adds nothing.
 *
 * <p>When the batch fails on the data (a constraint, a value a column refuses), it is written again row by row, each
 * under a savepoint in one transaction: the rows that fail alone get a {@link NonRetryableException} (their events go
 * to the DLQ), the rest commit. Any other failure (connection lost, server gone) is thrown for the whole batch.
 */
final class AgentLogWriter {

    private static final List<String> ENVELOPE_COLUMNS = List.of("event_id", "correlation_id", "event_type",
            "source_node_id", "event_timestamp");

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final Clock clock;
    private final Map<AgentTopic, String> sql = new EnumMap<>(AgentTopic.class);

    AgentLogWriter(DataSource dataSource, SqlDialect dialect, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        for (AgentTopic t : AgentTopic.values()) {
            sql.put(t, insertSql(t, dialect));
        }
    }

    static String insertSql(AgentTopic topic, SqlDialect dialect) {
        List<String> names = new ArrayList<>(ENVELOPE_COLUMNS);
        List<String> markers = new ArrayList<>(List.of(dialect.uuid(), "?", "?", "?", dialect.timestamp()));
        for (AgentColumn c : topic.columns()) {
            names.add(c.name());
            markers.add(c.type() == AgentColumn.Type.JSON ? dialect.json() : "?");
        }
        names.add("recorded_at");
        markers.add(dialect.timestamp());
        return "INSERT INTO " + topic.table() + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", markers) + ") ON CONFLICT (event_id) DO NOTHING";
    }

    /**
     * @param rows the batch, in arrival order
     * @return per row, null when it is durably written (or was already), else why it never can be
     * @throws SQLException when the database could not take the batch; nothing of it is committed
     */
    List<NonRetryableException> write(List<AgentRow> rows) throws SQLException {
        String recordedAt = AgentEventMapper.time(clock.instant());
        return PoisonIsolatingTransaction.write(dataSource, dialect, rows, (c, some) -> insert(c, some, recordedAt),
                AgentLogWriter::poison);
    }

    private void insert(Connection c, List<AgentRow> rows, String recordedAt) throws SQLException {
        Map<AgentTopic, List<AgentRow>> byTopic = new EnumMap<>(AgentTopic.class);
        for (AgentRow r : rows) {
            byTopic.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<AgentTopic, List<AgentRow>> e : byTopic.entrySet()) {
            List<AgentColumn> columns = e.getKey().columns();
            try (PreparedStatement ps = c.prepareStatement(sql.get(e.getKey()))) {
                for (AgentRow r : e.getValue()) {
                    int p = 1;
                    ps.setString(p++, r.eventId());
                    setText(ps, p++, r.correlationId());
                    ps.setString(p++, r.eventType());
                    setText(ps, p++, r.sourceNodeId());
                    ps.setString(p++, r.eventTimestamp());
                    for (int i = 0; i < columns.size(); i++) {
                        bind(ps, p++, columns.get(i).type(), r.values()[i]);
                    }
                    ps.setString(p, recordedAt);
                    if (e.getValue().size() == 1) {
                        ps.executeUpdate(); // a single row's error comes as itself, not wrapped in a batch's
                        break;
                    }
                    ps.addBatch();
                }
                if (e.getValue().size() > 1) {
                    ps.executeBatch();
                }
            }
        }
    }

    private static void bind(PreparedStatement ps, int index, AgentColumn.Type type, Object value)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, switch (type) {
                case NUMBER -> Types.DOUBLE;
                case INTEGER -> Types.BIGINT;
                case BOOLEAN -> Types.BOOLEAN;
                case TEXT, JSON -> Types.VARCHAR;
            });
            return;
        }
        switch (type) {
            case NUMBER -> ps.setDouble(index, (Double) value);
            case INTEGER -> ps.setLong(index, (Long) value);
            case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
            case TEXT, JSON -> ps.setString(index, (String) value);
        }
    }

    private static void setText(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private static NonRetryableException poison(AgentRow r, SQLException e) {
        SQLException root = e.getNextException() != null ? e.getNextException() : e;
        String state = root.getSQLState() == null ? "" : " (SQLState " + root.getSQLState() + ")";
        return new NonRetryableException(r.eventType() + " event " + r.eventId() + " cannot be written to "
                + r.topic().table() + state + ": " + SecretRedactor.redactAndTruncate(String.valueOf(root.getMessage()),
                400), root);
    }
}
