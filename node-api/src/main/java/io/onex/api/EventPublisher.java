package io.onex.api;

import java.util.concurrent.CompletionStage;

/**
 * Publishes events wrapped in the ONEX envelope.
 *
 * <p>The real implementation sends with an idempotent Kafka producer ({@code acks=all}); tests use a fake that
 * records what was sent. A returned stage completes when the broker has acknowledged the record, with where it
 * landed, or exceptionally with the send failure.
 */
public interface EventPublisher {

    /**
     * Wraps the event in an envelope and sends it.
     *
     * @param event what to send
     * @return the delivery confirmation
     */
    CompletionStage<DeliveryReceipt> publish(OutboundEvent event);

    /**
     * Sends an already built envelope as it is (used for forwarding and by the runtime's own broadcasters).
     *
     * @param topic the resolved topic name
     * @param partitionKey the record key, or null to use the envelope's correlation id
     * @param envelope the envelope
     * @return the delivery confirmation
     */
    CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String partitionKey, EventEnvelope envelope);
}
