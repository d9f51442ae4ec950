package io.onex.nodes.agentlog;

import io.onex.nodes.database.Database;
import io.onex.nodes.database.DatabaseSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link AgentLogWriterContract} on the embedded SQLite database. */
class SqliteAgentLogWriterTest extends AgentLogWriterContract {

    @TempDir
    Path folder;

    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseSettings.embedded(folder.resolve("agents.db")), AgentIntelligenceLogger.LAYOUT);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Override
    Database db() {
        return db;
    }
}
