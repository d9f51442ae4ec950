package io.onex.nodes.dbadapter;

import io.onex.api.NonRetryableException;
import io.onex.nodes.database.PoisonIsolatingTransaction;
import io.onex.nodes.database.SqlDialect;
import io.onex.runtime.deadletter.SecretRedactor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes a batch of {@link BridgeWrite}s in one transaction with JDBC batching, then commits.
 *
 * <ol>
 *   <li>The ledgered writes' events go into {@code event_ledger} in one statement ({@code ON CONFLICT DO NOTHING
 *       RETURNING event_id}); only those it returns (events new to the database) are applied.</li>
 *   <li>Pending rows for the workflows that steps and stamps refer to, then one executed batch per statement in
 *       {@link WriteKind} order. Upserts run in rounds so that no executed batch names a key twice; the rounds
 *       keep the events' arrival order per key.</li>
 * </ol>
 *
 * <p>When the batch fails on the data (a constraint, a value a column refuses), it is written again event by event,
 * each under a savepoint in one transaction: the events that fail alone get a {@link NonRetryableException} (they go
 * to the DLQ), the rest commit. Any other failure (connection lost, server gone) is thrown for the whole batch.
 */
final class BatchWriter {

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final Clock clock;
    private final Map<WriteKind, String> sql = new EnumMap<>(WriteKind.class);

    BatchWriter(DataSource dataSource, SqlDialect dialect, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        for (WriteKind k : WriteKind.values()) {
            sql.put(k, k.sql(dialect));
        }
    }

    /**
     * @param writes the batch, in arrival order
     * @return per write, null when it is durably written (or was already), else the reason it never can be
     * @throws SQLException when the database could not take the batch; nothing of it is committed
     */
    List<NonRetryableException> write(List<BridgeWrite> writes) throws SQLException {
        return PoisonIsolatingTransaction.write(dataSource, dialect, writes, this::apply, BatchWriter::poison);
    }

    private static NonRetryableException poison(BridgeWrite w, SQLException e) {
        SQLException root = e.getNextException() != null ? e.getNextException() : e;
        String state = root.getSQLState() == null ? "" : " (SQLState " + root.getSQLState() + ")";
        return new NonRetryableException(w.eventType() + " event " + w.eventId() + " cannot be written to "
                + (w.kind() == null ? "event_ledger" : w.kind().table()) + state + ": "
                + SecretRedactor.redactAndTruncate(String.valueOf(root.getMessage()), 400), root);
    }

    private void apply(Connection c, List<BridgeWrite> writes) throws SQLException {
        Set<String> fresh = ledger(c, writes);
        Map<WriteKind, List<BridgeWrite>> byKind = new EnumMap<>(WriteKind.class);
        Map<String, String> placeholders = new HashMap<>();
        for (BridgeWrite w : writes) {
            if (w.ledger() != null && !fresh.remove(w.eventId())) {
                continue; // applied before (or earlier in this batch): its effect is in the database already
            }
            if (w.placeholderWorkflowId() != null) {
                placeholders.putIfAbsent(w.placeholderWorkflowId(), (String) w.value("created_at"));
            }
            if (w.kind() != null) {
                byKind.computeIfAbsent(w.kind(), k -> new ArrayList<>()).add(w);
            }
        }
        if (!placeholders.isEmpty()) {
            List<Object[]> rows = new ArrayList<>(placeholders.size());
            placeholders.forEach((id, at) -> rows.add(new Object[] {id, "pending", at, at}));
            execute(c, WriteKind.WORKFLOW_PLACEHOLDER, rows);
        }
        for (Map.Entry<WriteKind, List<BridgeWrite>> e : byKind.entrySet()) {
            WriteKind kind = e.getKey();
            if (kind.updatesOnConflict()) {
                for (List<BridgeWrite> round : rounds(e.getValue())) {
                    execute(c, kind, values(round));
                }
            } else {
                execute(c, kind, values(e.getValue()));
            }
        }
    }

    /** Inserts the ledgered writes' events; returns the ids that were not there before. */
    private Set<String> ledger(Connection c, List<BridgeWrite> writes) throws SQLException {
        Map<String, BridgeWrite.LedgerEntry> entries = new java.util.LinkedHashMap<>();
        for (BridgeWrite w : writes) {
            if (w.ledger() != null) {
                entries.putIfAbsent(w.eventId(), w.ledger());
            }
        }
        if (entries.isEmpty()) {
            return Set.of();
        }
        String appliedAt = BridgeEventMapper.time(clock.instant());
        Set<String> fresh = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(WriteKind.ledgerSql(dialect, entries.size()))) {
            int p = 1;
            for (BridgeWrite.LedgerEntry l : entries.values()) {
                ps.setString(p++, l.eventId());
                ps.setString(p++, l.eventType());
                setText(ps, p++, l.correlationId());
                ps.setString(p++, l.eventTimestamp());
                setText(ps, p++, l.payloadJson());
                ps.setString(p++, appliedAt);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
        }
        return fresh;
    }

    /** Splits upserts so that each round names a key at most once; the n-th write of a key lands in round n. */
    private static List<List<BridgeWrite>> rounds(List<BridgeWrite> writes) {
        List<List<BridgeWrite>> rounds = new ArrayList<>();
        Map<Object, Integer> seen = new HashMap<>();
        for (BridgeWrite w : writes) {
            int r = seen.merge(w.key(), 1, Integer::sum) - 1;
            if (r == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(r).add(w);
        }
        return rounds;
    }

    private static List<Object[]> values(Collection<BridgeWrite> writes) {
        List<Object[]> rows = new ArrayList<>(writes.size());
        for (BridgeWrite w : writes) {
            rows.add(w.values());
        }
        return rows;
    }

    private void execute(Connection c, WriteKind kind, List<Object[]> rows) throws SQLException {
        List<Column> columns = kind.columns();
        try (PreparedStatement ps = c.prepareStatement(sql.get(kind))) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Object v = row[i];
                    if (columns.get(i).type() == Column.Type.LONG) {
                        if (v == null) {
                            ps.setNull(i + 1, Types.BIGINT);
                        } else {
                            ps.setLong(i + 1, ((Number) v).longValue());
                        }
                    } else {
                        setText(ps, i + 1, (String) v);
                    }
                }
                if (rows.size() == 1) {
                    ps.executeUpdate();
                    return;
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setText(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
