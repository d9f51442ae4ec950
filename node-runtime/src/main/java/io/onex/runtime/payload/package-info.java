/**
 * Payload schemas: the JSON Schema a contract's {@code topic_settings.<topic>.payload_schema} declares for a topic,
 * checked when an event is published to that topic and when one is consumed from it.
 */
package io.onex.runtime.payload;
