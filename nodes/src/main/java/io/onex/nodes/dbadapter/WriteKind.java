package io.onex.nodes.dbadapter;

import static io.onex.nodes.dbadapter.Column.json;
import static io.onex.nodes.dbadapter.Column.number;
import static io.onex.nodes.dbadapter.Column.text;
import static io.onex.nodes.dbadapter.Column.timestamp;
import static io.onex.nodes.dbadapter.Column.uuid;

import io.onex.nodes.database.SqlDialect;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The statements the adapter writes with, in the order a batch runs them (a workflow row before the steps that
 * refer to it). Each is one {@code INSERT ... ON CONFLICT} whose result does not depend on how often or in which
 * order the events arrive: insert-only rows are keyed by their event, upserts keep the earliest start, the latest
 * heartbeat and a terminal state once reached. Only {@link #BRIDGE_STATE} adds, and it runs only for events the
 * ledger saw for the first time.
 */
enum WriteKind {

    /** A workflow a step or stamp refers to, before its started event arrived: a pending row. */
    WORKFLOW_PLACEHOLDER("workflow_executions", null,
            List.of(uuid("id"), text("current_state"), timestamp("created_at"), timestamp("updated_at")),
            "ON CONFLICT DO NOTHING"),

    WORKFLOW_STARTED("workflow_executions", "id",
            List.of(uuid("id"), text("correlation_id"), text("workflow_type"), text("current_state"),
                    text("namespace"), timestamp("started_at"), json("metadata"), timestamp("created_at"),
                    timestamp("updated_at")),
            "ON CONFLICT (id) DO UPDATE SET correlation_id = excluded.correlation_id,"
                    + " workflow_type = excluded.workflow_type,"
                    + " namespace = COALESCE(excluded.namespace, workflow_executions.namespace),"
                    + " started_at = excluded.started_at, metadata = excluded.metadata,"
                    // a completion that arrived first keeps its terminal state
                    + " current_state = CASE WHEN workflow_executions.completed_at IS NULL"
                    + " THEN excluded.current_state ELSE workflow_executions.current_state END, "
                    + earlier("workflow_executions", "created_at") + ", " + later("workflow_executions", "updated_at")),

    WORKFLOW_FINISHED("workflow_executions", "id",
            List.of(uuid("id"), text("correlation_id"), text("current_state"), text("namespace"),
                    timestamp("completed_at"), number("execution_time_ms"), text("error_message"),
                    timestamp("created_at"), timestamp("updated_at")),
            "ON CONFLICT (id) DO UPDATE SET"
                    + " correlation_id = COALESCE(workflow_executions.correlation_id, excluded.correlation_id),"
                    + " namespace = COALESCE(workflow_executions.namespace, excluded.namespace),"
                    + " current_state = excluded.current_state, completed_at = excluded.completed_at,"
                    + " execution_time_ms = excluded.execution_time_ms, error_message = excluded.error_message, "
                    + earlier("workflow_executions", "created_at") + ", " + later("workflow_executions", "updated_at")),

    WORKFLOW_STEP("workflow_steps", null,
            List.of(uuid("id"), uuid("workflow_id"), text("step_name"), number("step_order"), text("status"),
                    number("execution_time_ms"), json("step_data"), text("error_message"), timestamp("created_at")),
            "ON CONFLICT (id) DO NOTHING"),

    METADATA_STAMP("metadata_stamps", null,
            List.of(uuid("id"), uuid("workflow_id"), text("file_hash"), json("stamp_data"), text("namespace"),
                    timestamp("created_at")),
            "ON CONFLICT (id) DO NOTHING"),

    FSM_TRANSITION("fsm_transitions", null,
            List.of(uuid("id"), text("entity_id"), text("entity_type"), text("from_state"), text("to_state"),
                    text("transition_event"), json("transition_data"), timestamp("created_at")),
            "ON CONFLICT (id) DO NOTHING"),

    BRIDGE_STATE("bridge_states", "bridge_id",
            List.of(text("bridge_id"), text("namespace"), number("total_workflows_processed"),
                    number("total_items_aggregated"), number("total_size_bytes"), json("aggregation_metadata"),
                    timestamp("last_aggregation_timestamp"), number("version"), timestamp("updated_at")),
            "ON CONFLICT (bridge_id) DO UPDATE SET"
                    + " namespace = COALESCE(excluded.namespace, bridge_states.namespace),"
                    + " total_workflows_processed = bridge_states.total_workflows_processed"
                    + " + excluded.total_workflows_processed,"
                    + " total_items_aggregated = bridge_states.total_items_aggregated + excluded.total_items_aggregated,"
                    + " total_size_bytes = bridge_states.total_size_bytes + excluded.total_size_bytes,"
                    + " version = bridge_states.version + excluded.version,"
                    + " aggregation_metadata = CASE WHEN bridge_states.last_aggregation_timestamp IS NULL"
                    + " OR excluded.last_aggregation_timestamp >= bridge_states.last_aggregation_timestamp"
                    + " THEN excluded.aggregation_metadata ELSE bridge_states.aggregation_metadata END, "
                    + later("bridge_states", "last_aggregation_timestamp") + ", " + later("bridge_states", "updated_at")),

    NODE_INTROSPECTION("node_registrations", "node_id",
            List.of(text("node_id"), text("node_type"), text("node_version"), json("capabilities"),
                    json("endpoints"), json("metadata"), timestamp("last_introspection_at"),
                    timestamp("registered_at"), timestamp("updated_at")),
            "ON CONFLICT (node_id) DO UPDATE SET "
                    + newest("node_type") + ", " + newest("node_version") + ", " + newest("capabilities") + ", "
                    + newest("endpoints") + ", " + newest("metadata") + ", "
                    + later("node_registrations", "last_introspection_at") + ", "
                    + earlier("node_registrations", "registered_at") + ", "
                    + later("node_registrations", "updated_at")),

    NODE_HEARTBEAT("node_registrations", "node_id",
            List.of(text("node_id"), text("node_type"), text("health_status"), timestamp("last_heartbeat"),
                    timestamp("updated_at")),
            "ON CONFLICT (node_id) DO UPDATE SET"
                    + " node_type = COALESCE(node_registrations.node_type, excluded.node_type),"
                    + " health_status = CASE WHEN node_registrations.last_heartbeat IS NULL"
                    + " OR excluded.last_heartbeat >= node_registrations.last_heartbeat"
                    + " THEN excluded.health_status ELSE node_registrations.health_status END, "
                    + later("node_registrations", "last_heartbeat") + ", " + later("node_registrations", "updated_at"));

    /** The ledger's columns (its insert is built per batch: one row per ledgered event, RETURNING the new ones). */
    static final List<Column> LEDGER_COLUMNS = List.of(text("event_id"), text("event_type"), text("correlation_id"),
            timestamp("event_timestamp"), json("payload"), timestamp("applied_at"));

    /** The tables, in the order {@code rowCounts} reports them. */
    static final List<String> TABLES = List.of("workflow_executions", "workflow_steps", "fsm_transitions",
            "bridge_states", "metadata_stamps", "node_registrations", "event_ledger");

    private final String table;
    private final String upsertKey;
    private final List<Column> columns;
    private final String onConflict;

    WriteKind(String table, String upsertKey, List<Column> columns, String onConflict) {
        this.table = table;
        this.upsertKey = upsertKey;
        this.columns = columns;
        this.onConflict = onConflict;
    }

    String table() {
        return table;
    }

    List<Column> columns() {
        return columns;
    }

    /**
     * Whether the statement updates a row on conflict: then one executed batch must not name a key twice
     * (PostgreSQL refuses to update a row twice in one multi-row insert), so such writes run in rounds.
     */
    boolean updatesOnConflict() {
        return upsertKey != null;
    }

    /** Index of {@code column} in {@link #columns()}, or -1. */
    int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the upsert key column (the first column for every upsert). */
    int keyIndex() {
        return upsertKey == null ? -1 : indexOf(upsertKey);
    }

    String sql(SqlDialect dialect) {
        return "INSERT INTO " + table + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(c -> c.marker(dialect)).collect(Collectors.joining(", ")) + ") "
                + onConflict;
    }

    /** The ledger insert of {@code rows} events. */
    static String ledgerSql(SqlDialect dialect, int rows) {
        String row = "(" + LEDGER_COLUMNS.stream().map(c -> c.marker(dialect)).collect(Collectors.joining(", ")) + ")";
        StringBuilder sb = new StringBuilder("INSERT INTO event_ledger (")
                .append(LEDGER_COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ")))
                .append(") VALUES ");
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "" : ", ").append(row);
        }
        return sb.append(" ON CONFLICT (event_id) DO NOTHING RETURNING event_id").toString();
    }

    private static String later(String table, String column) {
        return column + " = CASE WHEN " + table + "." + column + " IS NULL OR excluded." + column + " > " + table + "."
                + column + " THEN excluded." + column + " ELSE " + table + "." + column + " END";
    }

    private static String earlier(String table, String column) {
        return column + " = CASE WHEN " + table + "." + column + " IS NULL OR excluded." + column + " < " + table + "."
                + column + " THEN excluded." + column + " ELSE " + table + "." + column + " END";
    }

    /** The introspection's value when it is at least as new as the one the row holds. */
    private static String newest(String column) {
        return column + " = CASE WHEN node_registrations.last_introspection_at IS NULL"
                + " OR excluded.last_introspection_at >= node_registrations.last_introspection_at"
                + " THEN excluded." + column + " ELSE node_registrations." + column + " END";
    }
}
