package io.onex.nodes.agentlog;

import io.onex.nodes.database.Database;
import io.onex.nodes.database.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@link AgentLogWriterContract} on PostgreSQL, in a schema of its own, dropped afterwards. */
class PostgresAgentLogWriterIT extends AgentLogWriterContract {

    static final String POSTGRES_URL = System.getenv().getOrDefault("ONEX_TEST_DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String schema = uniqueSchema("it_agentlog");
    private Database db;

    static String uniqueSchema(String prefix) {
        return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
    }

    static void dropSchema(String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"); // generated name, no input
        }
    }

    @BeforeEach
    void open() {
        db = Database.open(DatabaseSettings.postgres(POSTGRES_URL, schema), AgentIntelligenceLogger.LAYOUT);
    }

    @AfterEach
    void drop() throws Exception {
        db.close();
        dropSchema(schema);
    }

    @Override
    Database db() {
        return db;
    }
}
