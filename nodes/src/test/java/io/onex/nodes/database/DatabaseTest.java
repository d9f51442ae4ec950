package io.onex.nodes.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two persisting nodes in one database: each migrates its own tables under its own Flyway history, in any order. */
class DatabaseTest {

    static final DatabaseLayout BRIDGE = new DatabaseLayout("io/onex/nodes/dbadapter/migration", "onex_schema_history",
            "test-bridge", "database adapter", List.of("workflow_executions", "event_ledger"));
    static final DatabaseLayout AGENTS = new DatabaseLayout("io/onex/nodes/agentlog/migration",
            "agent_log_schema_history", "test-agents", "agent intelligence logger",
            List.of("agent_routing_decisions", "agent_quality_gates"));

    @TempDir
    Path folder;

    @Test
    void aSecondNodeMigratesADatabaseTheFirstHasMigratedAlreadyAndEachOpensItAgain() {
        DatabaseSettings shared = DatabaseSettings.embedded(folder.resolve("shared.db"));
        for (DatabaseLayout layout : List.of(AGENTS, BRIDGE, AGENTS, BRIDGE)) { // first migrations, then reopenings
            try (Database db = Database.open(shared, layout)) {
                assertThat(db.rowCounts()).as(layout.owner()).containsOnlyKeys(layout.tables())
                        .allSatisfy((table, rows) -> assertThat(rows).isZero());
            }
        }
    }

    @Test
    void refusesATableNameThatIsNoPlainSqlName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DatabaseLayout("x", "history", "p", "o",
                List.of("rows; DROP TABLE x"))).hasMessage(
                        "table names must match [a-z_][a-z0-9_]{0,62}, but was 'rows; DROP TABLE x'");
    }
}
