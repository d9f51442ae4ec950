package io.onex.nodes.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.onex.runtime.deadletter.SecretRedactor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A persisting node's database: a HikariCP pool on PostgreSQL (or on the embedded SQLite file when no URL is set),
 * migrated by Flyway to the node's {@link DatabaseLayout} when opened.
 *
 * <pre>{@code
 * try (Database db = Database.open(DatabaseSettings.embedded(Path.of("agents.db")), layout)) {
 *     db.rowCounts();   // {agent_routing_decisions=0, ...}
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseSettings settings;
    private final DatabaseLayout layout;
    private final SqlDialect dialect;
    private final HikariDataSource pool;

    private Database(DatabaseSettings settings, DatabaseLayout layout, SqlDialect dialect, HikariDataSource pool) {
        this.settings = settings;
        this.layout = layout;
        this.dialect = dialect;
        this.pool = pool;
    }

    /**
     * Opens the pool and migrates the schema (Flyway: an empty database or schema is brought to the latest version).
     *
     * @param settings where to connect
     * @param layout the node's migrations and tables
     * @return the open database
     * @throws IllegalStateException when the database cannot be reached or migrated (the message names where, never
     *     the password)
     */
    public static Database open(DatabaseSettings settings, DatabaseLayout layout) {
        SqlDialect dialect = SqlDialect.of(settings.jdbcUrl());
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(layout.poolName());
        hc.setJdbcUrl(settings.jdbcUrl());
        settings.user().ifPresent(hc::setUsername);
        settings.password().ifPresent(p -> hc.setPassword(p.reveal()));
        hc.setAutoCommit(false);
        hc.setConnectionTimeout(settings.connectionTimeout().toMillis());
        hc.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(), 5_000));
        if (dialect == SqlDialect.POSTGRESQL) {
            hc.setMaximumPoolSize(settings.poolSize());
            settings.schema().ifPresent(hc::setSchema);
            hc.addDataSourceProperty("reWriteBatchedInserts", "true");
            hc.addDataSourceProperty("ApplicationName", layout.poolName());
            hc.addDataSourceProperty("socketTimeout", "60");
            hc.addDataSourceProperty("tcpKeepAlive", "true");
        } else {
            hc.setMaximumPoolSize(1); // one writer: SQLite serializes writes anyway
            hc.addDataSourceProperty("foreign_keys", "true");
            hc.addDataSourceProperty("journal_mode", "WAL");
            hc.addDataSourceProperty("synchronous", "NORMAL");
            hc.addDataSourceProperty("busy_timeout", "5000");
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new IllegalStateException(layout.owner() + " cannot connect to " + settings.describe() + ": "
                    + SecretRedactor.redactAndTruncate(String.valueOf(rootMessage(e)), 300), e);
        }
        try {
            migrate(pool, dialect, settings, layout);
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException(layout.owner() + " cannot migrate " + settings.describe() + ": "
                    + SecretRedactor.redactAndTruncate(String.valueOf(rootMessage(e)), 300), e);
        }
        if (settings.embedded()) {
            LOG.info("{}: no database configured (ONEX_DATABASE_URL unset), using the embedded SQLite database {}",
                    layout.owner(), settings.embeddedFile().toAbsolutePath());
        } else {
            LOG.info("{}: PostgreSQL at {}, pool of {}", layout.owner(), settings.describe(), settings.poolSize());
        }
        return new Database(settings, layout, dialect, pool);
    }

    private static void migrate(DataSource ds, SqlDialect dialect, DatabaseSettings settings, DatabaseLayout layout) {
        // Each node keeps its own history table, so a schema another node has migrated already is "non-empty without
        // history" to Flyway: baseline it at version 0 (nothing of this node's applied), then apply this node's V1...
        var config = Flyway.configure().dataSource(ds).locations(dialect.migrations(layout.migrationsBase()))
                .table(layout.historyTable()).baselineOnMigrate(true).baselineVersion("0").loggers("slf4j");
        if (dialect == SqlDialect.POSTGRESQL) { // SQLite has no schemas: the file is the database
            settings.schema().ifPresent(s -> config.schemas(s).defaultSchema(s));
        }
        config.load().migrate();
    }

    /** The pool. */
    public DataSource dataSource() {
        return pool;
    }

    /** The SQL dialect spoken. */
    public SqlDialect dialect() {
        return dialect;
    }

    /** Whether this is the embedded database. */
    public boolean embedded() {
        return settings.embedded();
    }

    /** Where it is, for people (password masked). */
    public String describe() {
        return settings.embedded() ? "embedded SQLite " + settings.embeddedFile().toAbsolutePath() : settings.describe();
    }

    /**
     * Rows per table of the layout, in its order.
     *
     * @throws IllegalStateException when the database cannot be read
     */
    public Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            for (String table : layout.tables()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) { // checked names, no input
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            c.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count rows in " + describe() + ": " + e.getMessage(), e);
        }
        return counts;
    }

    /** Closes the pool. Idempotent. */
    @Override
    public void close() {
        pool.close();
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
    }
}
