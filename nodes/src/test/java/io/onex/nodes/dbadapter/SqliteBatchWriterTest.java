package io.onex.nodes.dbadapter;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The same guarantees on the embedded SQLite database (the demo's database when none is configured). */
class SqliteBatchWriterTest extends BatchWriterContract {

    private Path folder;
    private AdapterDatabase db;

    @BeforeEach
    void open() throws Exception {
        folder = TestDatabases.tempFolder();
        db = TestDatabases.sqlite(folder);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
        try (var files = java.nio.file.Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    AdapterDatabase db() {
        return db;
    }
}
