package io.onex.nodes.dbadapter;

/**
 * The database adapter's result for one event: it is durably in the database (written now, or found already
 * applied when it came again).
 *
 * @param eventId the event's id
 * @param operation the operation that persisted it
 */
public record PersistedEvent(String eventId, BridgeOperation operation) {
}
