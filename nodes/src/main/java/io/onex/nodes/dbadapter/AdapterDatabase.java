package io.onex.nodes.dbadapter;

import io.onex.nodes.database.Database;
import io.onex.nodes.database.DatabaseLayout;
import io.onex.nodes.database.DatabaseSettings;
import io.onex.nodes.database.SqlDialect;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The database adapter's database: a {@link Database} with the adapter's migrations
 * ({@code io/onex/nodes/dbadapter/migration/{postgresql,sqlite}}, history in {@code onex_schema_history}) and tables.
 *
 * <pre>{@code
 * try (AdapterDatabase db = AdapterDatabase.open(DatabaseSettings.embedded(Path.of("bridge.db")))) {
 *     db.rowCounts();   // {workflow_executions=0, workflow_steps=0, ...}
 * }
 * }</pre>
 */
public final class AdapterDatabase implements AutoCloseable {

    /** The adapter's migrations, Flyway history table, pool and tables. */
    static final DatabaseLayout LAYOUT = new DatabaseLayout("io/onex/nodes/dbadapter/migration", "onex_schema_history",
            "onex-database-adapter", "database adapter", WriteKind.TABLES);

    private final Database database;

    private AdapterDatabase(Database database) {
        this.database = database;
    }

    /**
     * Opens the pool and migrates the schema (Flyway: an empty database or schema is brought to the latest version).
     *
     * @param settings where to connect
     * @return the open database
     * @throws IllegalStateException when the database cannot be reached or migrated (the message names where, never
     *     the password)
     */
    public static AdapterDatabase open(DatabaseSettings settings) {
        return new AdapterDatabase(Database.open(settings, LAYOUT));
    }

    /** The pool. */
    public DataSource dataSource() {
        return database.dataSource();
    }

    /** Whether this is the embedded database. */
    public boolean embedded() {
        return database.embedded();
    }

    /** Where it is, for people (password masked). */
    public String describe() {
        return database.describe();
    }

    SqlDialect dialect() {
        return database.dialect();
    }

    /**
     * Rows per adapter table, in a fixed order: {@code workflow_executions}, {@code workflow_steps},
     * {@code fsm_transitions}, {@code bridge_states}, {@code metadata_stamps}, {@code node_registrations},
     * {@code event_ledger}.
     *
     * @throws IllegalStateException when the database cannot be read
     */
    public Map<String, Long> rowCounts() {
        return database.rowCounts();
    }

    /** Closes the pool. Idempotent. */
    @Override
    public void close() {
        database.close();
    }
}
