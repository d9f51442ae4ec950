package io.onex.nodes.agentlog;

/**
 * What the logger did with one event: its row is in {@code table} (written now, or before by an earlier delivery).
 *
 * @param eventId the envelope's event id
 * @param table the table of its topic
 */
public record AgentEventLogged(String eventId, String table) {
}
