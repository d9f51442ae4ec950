package io.onex.nodes.agentlog;

/**
 * One event as a row of its topic's table.
 *
 * @param topic whose table
 * @param eventId the envelope's event id (the row's key)
 * @param correlationId the envelope's correlation id
 * @param eventType the event type as written by its producer
 * @param sourceNodeId the node that published it, if known
 * @param eventTimestamp the envelope's timestamp, fixed-width UTC ISO-8601
 * @param values the topic's {@link AgentTopic#columns() columns}, in order
 */
record AgentRow(AgentTopic topic, String eventId, String correlationId, String eventType, String sourceNodeId,
        String eventTimestamp, Object[] values) {
}
