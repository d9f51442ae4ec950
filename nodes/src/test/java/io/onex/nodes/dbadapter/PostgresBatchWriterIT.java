package io.onex.nodes.dbadapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batch writer's guarantees on the real PostgreSQL server, each test in a schema of its own. */
class PostgresBatchWriterIT extends BatchWriterContract {

    private String schema;
    private AdapterDatabase db;

    @BeforeEach
    void openSchema() {
        schema = TestDatabases.uniqueSchema("it_writer");
        db = TestDatabases.postgres(schema);
    }

    @AfterEach
    void dropSchema() throws Exception {
        db.close();
        TestDatabases.dropSchema(schema);
    }

    @Override
    AdapterDatabase db() {
        return db;
    }

    @Test
    void flywayMigratesAnEmptySchemaFromZero() throws Exception {
        assertThat(db.rowCounts()).containsOnlyKeys(WriteKind.TABLES).allSatisfy((t, n) -> assertThat(n).isZero());
        assertThat(TestDatabases.value(db, "SELECT string_agg(version || ':' || success, ',') FROM onex_schema_history"))
                .isEqualTo("1:true");
        assertThat(TestDatabases.value(db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                + schema + "'")).isEqualTo(String.valueOf(WriteKind.TABLES.size() + 1));
        // opening again finds the schema current and changes nothing
        try (AdapterDatabase again = TestDatabases.postgres(schema)) {
            assertThat(again.rowCounts()).isEqualTo(db.rowCounts());
        }
        assertThat(List.of(db.embedded())).containsExactly(false);
    }
}
