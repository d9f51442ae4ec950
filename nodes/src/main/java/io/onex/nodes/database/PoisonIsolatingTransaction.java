package io.onex.nodes.database;

import io.onex.api.NonRetryableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes a batch in one transaction; when the database refuses one of its items for what it holds (the dialect's
 * {@link SqlDialect#isPoison poison}: a constraint, a bad value), writes it again item by item under savepoints in one
 * transaction, so that the good items commit and each refused one gets its own reason. Any other failure (connection
 * lost, server gone) is thrown for the whole batch, with nothing of it committed. The database nodes' shared way of
 * isolating poison.
 */
public final class PoisonIsolatingTransaction {

    /** Writes items on a connection inside the caller's transaction. */
    @FunctionalInterface
    public interface Write<T> {
        void write(Connection c, List<T> items) throws SQLException;
    }

    /** Says why an item can never be written. */
    @FunctionalInterface
    public interface Refusal<T> {
        NonRetryableException of(T item, SQLException e);
    }

    private PoisonIsolatingTransaction() {
    }

    /**
     * @param dataSource where to write
     * @param dialect which failures are an item's own
     * @param items the batch, in arrival order
     * @param write the statements of some items
     * @param refusal the reason of an item the database refuses
     * @return per item, null when it is durably written (or was already), else why it never can be
     * @throws SQLException when the database could not take the batch; nothing of it is committed
     */
    public static <T> List<NonRetryableException> write(DataSource dataSource, SqlDialect dialect, List<T> items,
            Write<T> write, Refusal<T> refusal) throws SQLException {
        List<NonRetryableException> outcomes = new ArrayList<>(Collections.nCopies(items.size(), null));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                write.write(c, items);
                c.commit();
                return outcomes;
            } catch (SQLException e) {
                rollback(c, e);
                if (!dialect.isPoison(e)) {
                    throw e;
                }
            }
            try {
                for (int i = 0; i < items.size(); i++) {
                    Savepoint sp = c.setSavepoint();
                    try {
                        write.write(c, List.of(items.get(i)));
                        c.releaseSavepoint(sp);
                    } catch (SQLException e) {
                        if (!dialect.isPoison(e)) {
                            throw e;
                        }
                        c.rollback(sp);
                        outcomes.set(i, refusal.of(items.get(i), e));
                    }
                }
                c.commit();
            } catch (SQLException e) {
                rollback(c, e);
                throw e;
            }
            return outcomes;
        }
    }

    private static void rollback(Connection c, SQLException cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
