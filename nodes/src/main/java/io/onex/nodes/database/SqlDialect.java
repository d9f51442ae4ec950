package io.onex.nodes.database;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

/**
 * What differs between PostgreSQL and the embedded SQLite database: how a bound text becomes a uuid, a JSON document
 * or an instant, where the migrations are, and which errors mean "this event cannot be written" (poison) rather
 * than "the database cannot write now". Everything else (ON CONFLICT upserts, RETURNING, savepoints) is the same SQL.
 */
public enum SqlDialect {

    POSTGRESQL("CAST(? AS uuid)", "CAST(? AS jsonb)", "CAST(? AS timestamptz)"),
    SQLITE("?", "?", "?");

    private final String uuid;
    private final String json;
    private final String timestamp;

    SqlDialect(String uuid, String json, String timestamp) {
        this.uuid = uuid;
        this.json = json;
        this.timestamp = timestamp;
    }

    /** The dialect of a JDBC URL. */
    public static SqlDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        throw new IllegalArgumentException("database URL must start with jdbc:postgresql: or jdbc:sqlite:, but was '"
                + jdbcUrl.replaceAll("^(jdbc:[A-Za-z0-9]+:).*", "$1") + "...'");
    }

    /** A parameter holding a UUID's text. */
    public String uuid() {
        return uuid;
    }

    /** A parameter holding a JSON document's text. */
    public String json() {
        return json;
    }

    /** A parameter holding an instant as fixed-width UTC ISO-8601 text. */
    public String timestamp() {
        return timestamp;
    }

    /**
     * Flyway location of this dialect's migrations under a node's migration folder.
     *
     * @param base the classpath folder holding one subfolder per dialect, e.g. {@code io/onex/nodes/dbadapter/migration}
     */
    public String migrations(String base) {
        return "classpath:" + base + "/" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Whether the error is about the data written (a constraint it violates, a value the column refuses): writing it
     * again cannot succeed. Anything else (connection lost, server shutting down, a missing table) is about the
     * database, and the batch is tried again later.
     */
    public boolean isPoison(SQLException e) {
        for (SQLException s = e; s != null; s = next(s)) {
            if (this == POSTGRESQL) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                    return true;
                }
            } else {
                int primary = s.getErrorCode() & 0xff;
                if (primary == 19 /* SQLITE_CONSTRAINT */ || primary == 20 /* SQLITE_MISMATCH */) {
                    return true;
                }
            }
        }
        return false;
    }

    private static SQLException next(SQLException s) {
        SQLException n = s.getNextException();
        if (n != null && n != s) {
            return n;
        }
        return s.getCause() instanceof SQLException c && c != s && !(s instanceof BatchUpdateException && c == n) ? c : null;
    }
}
