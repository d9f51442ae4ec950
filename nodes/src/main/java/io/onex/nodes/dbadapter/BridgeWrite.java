package io.onex.nodes.dbadapter;

import java.util.Arrays;
import java.util.Objects;

/**
 * What one consumed event writes: at most one row of {@link #kind()} (values in its column order), a pending
 * {@code workflow_executions} row for the workflow it refers to when that may not exist yet, and a ledger row when
 * its write must happen once only ({@code ledger != null}). Built by {@link BridgeEventMapper}; never holds secrets.
 *
 * @param eventId the envelope's event id
 * @param eventType the envelope's event type
 * @param operation which of the adapter's operations this is
 * @param kind the statement, or null for an event kept in the ledger only
 * @param values the statement's parameters, in {@code kind.columns()} order
 * @param placeholderWorkflowId the workflow id a placeholder row is written for first, or null
 * @param ledger the ledger row, or null when the write is idempotent by itself
 */
record BridgeWrite(String eventId, String eventType, BridgeOperation operation, WriteKind kind, Object[] values,
        String placeholderWorkflowId, LedgerEntry ledger) {

    BridgeWrite {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(operation, "operation");
        if (kind != null && values.length != kind.columns().size()) {
            throw new IllegalArgumentException(kind + " takes " + kind.columns().size() + " values, got " + values.length);
        }
    }

    /**
     * A ledger row: the event's id, type, correlation id and time, and its payload as JSON text when it has no table
     * of its own (null otherwise).
     */
    record LedgerEntry(String eventId, String eventType, String correlationId, String eventTimestamp,
            String payloadJson) {
    }

    /** The value bound to {@code column}, for tests and logs of the mapping. */
    Object value(String column) {
        int i = kind == null ? -1 : kind.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException((kind == null ? "ledger-only write" : kind.table()) + " has no column "
                    + column);
        }
        return values[i];
    }

    /** The upsert key's value (rounds keep one key per executed batch). */
    Object key() {
        return values[kind.keyIndex()];
    }

    @Override
    public String toString() {
        return "BridgeWrite[" + operation + " " + (kind == null ? "ledger" : kind.table()) + " event_id=" + eventId + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BridgeWrite w && w.eventId.equals(eventId) && w.operation == operation && w.kind == kind
                && Arrays.equals(w.values, values) && Objects.equals(w.placeholderWorkflowId, placeholderWorkflowId)
                && Objects.equals(w.ledger, ledger);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, operation, kind, Arrays.hashCode(values));
    }
}
