package io.onex.nodes.kafkaeffect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of the node's metrics, like the Python node's {@code get_metrics()}. The same figures are in the
 * runtime's Micrometer registry (and on {@code /metrics}): {@code onex.kafka_effect.*} from the node,
 * {@code onex.node.*} from its pipeline, all tagged {@code node=kafka_event_effect}.
 *
 * @param eventsPublished events the broker acknowledged ({@code onex.kafka_effect.events{outcome=published}})
 * @param eventsFailed event sends that failed, counted per attempt ({@code onex.kafka_effect.events{outcome=failed}})
 * @param avgPublishTimeMs mean duration of a call, retries included ({@code onex.node.latency})
 * @param p99PublishTimeMs 99th percentile of the same, over the registry's recent window
 * @param circuitBreakerStatus {@code closed}, {@code open}, {@code half_open} or {@code disabled}
 * @param eventsSentToDlq events written to {@code <topic>.dlq}, after exhausted retries or on request
 *     ({@code onex.kafka_effect.dead_lettered})
 * @param retriesAttempted attempts after the first ({@code onex.node.retries})
 * @param eventsInFlight sends not yet acknowledged
 * @param undeliveredAtShutdown sends still unacknowledged when {@code stop()} gave up waiting
 */
public record KafkaEffectMetrics(long eventsPublished, long eventsFailed, double avgPublishTimeMs,
        double p99PublishTimeMs, String circuitBreakerStatus, long eventsSentToDlq, long retriesAttempted,
        long eventsInFlight, long undeliveredAtShutdown) {

    /** The snapshot with the Python node's key names ({@code events_published}, {@code circuit_breaker_status}, ...). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events_published", eventsPublished);
        m.put("events_failed", eventsFailed);
        m.put("avg_publish_time_ms", avgPublishTimeMs);
        m.put("p99_publish_time_ms", p99PublishTimeMs);
        m.put("circuit_breaker_status", circuitBreakerStatus);
        m.put("events_sent_to_dlq", eventsSentToDlq);
        m.put("retries_attempted", retriesAttempted);
        m.put("events_in_flight", eventsInFlight);
        m.put("undelivered_at_shutdown", undeliveredAtShutdown);
        return m;
    }
}
