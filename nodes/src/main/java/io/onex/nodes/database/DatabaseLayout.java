package io.onex.nodes.database;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one persisting node owns in a database: its Flyway migrations, the history table Flyway keeps them in (one per
 * node, so that two nodes can migrate the same database or schema without reading each other's history as unknown
 * migrations), the name of its connection pool, and the tables it counts.
 *
 * @param migrationsBase classpath folder with one subfolder per dialect ({@code postgresql}, {@code sqlite})
 * @param historyTable Flyway's history table of this node
 * @param poolName the HikariCP pool's name (in its logs and metrics) and PostgreSQL {@code ApplicationName}
 * @param owner who owns it, for messages ("database adapter")
 * @param tables the node's tables, in the order {@link Database#rowCounts()} lists them
 */
public record DatabaseLayout(String migrationsBase, String historyTable, String poolName, String owner,
        List<String> tables) {

    private static final Pattern SQL_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public DatabaseLayout {
        Objects.requireNonNull(migrationsBase, "migrationsBase");
        Objects.requireNonNull(poolName, "poolName");
        Objects.requireNonNull(owner, "owner");
        tables = List.copyOf(tables);
        for (String name : concat(historyTable, tables)) {
            if (name == null || !SQL_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("table names must match " + SQL_NAME + ", but was '" + name + "'");
            }
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(rest);
        all.add(0, first);
        return all;
    }
}
