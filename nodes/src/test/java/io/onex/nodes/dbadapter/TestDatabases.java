package io.onex.nodes.dbadapter;

import io.onex.nodes.database.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Databases for the adapter's tests: a PostgreSQL schema of its own per test (on the server at 127.0.0.1:5432,
 * database {@code test}, or {@code ONEX_TEST_DATABASE_URL}), dropped afterwards so parallel runs and reruns never see
 * each other's rows; or an embedded SQLite file in a temp folder.
 */
final class TestDatabases {

    static final String POSTGRES_URL = System.getenv().getOrDefault("ONEX_TEST_DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private TestDatabases() {
    }

    /** A new, empty schema name. */
    static String uniqueSchema(String prefix) {
        return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
    }

    static AdapterDatabase postgres(String schema) {
        return AdapterDatabase.open(DatabaseSettings.postgres(POSTGRES_URL, schema));
    }

    static AdapterDatabase sqlite(Path folder) {
        return AdapterDatabase.open(DatabaseSettings.embedded(folder.resolve("bridge.db")));
    }

    static void dropSchema(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"); // generated name, no input
        }
    }

    /** Every row of {@code table}, each column as text, sorted: to compare a table before and after. */
    static List<String> rows(AdapterDatabase db, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    if (!md.getColumnName(i).equals("applied_at")) {
                        sb.append(md.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
                    }
                }
                rows.add(sb.toString());
            }
            c.rollback();
        }
        rows.sort(null);
        return rows;
    }

    /** One value by query (fixed SQL of the test). */
    static String value(AdapterDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            String v = rs.next() ? rs.getString(1) : null;
            c.rollback();
            return v;
        }
    }

    static Path tempFolder() throws java.io.IOException {
        return Files.createTempDirectory("onex-dbadapter-test");
    }
}
