package io.onex.nodes.kafkaeffect;

import io.onex.api.EventEnvelope;
import java.util.Map;

/**
 * One event ready to send: the full topic name (prefix applied, ONEX references resolved), the record key, the
 * envelope and the caller's extra headers. Kept whole so a failed send can be dead-lettered exactly as it was tried.
 */
record PreparedEvent(String topic, String key, EventEnvelope envelope, Map<String, String> headers) {
}
