package io.onex.nodes.orchestrator;

import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.OutboundEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Publishes on an executor's thread, never on the caller's. The workflow engine publishes a step's event on the
 * thread that completed the step, and an effect step completes on the Kafka producer's I/O thread (its send
 * callback); a {@code send} from that thread to a topic the producer has no metadata for yet blocks the very thread
 * that would fetch it, for {@code max.block.ms} (measured: 10 s per first event of a topic, and the producer stalled
 * for every other sender meanwhile).
 */
final class HandOffPublisher implements EventPublisher {

    private final EventPublisher delegate;
    private final Executor executor;

    HandOffPublisher(EventPublisher delegate, Executor executor) {
        this.delegate = delegate;
        this.executor = executor;
    }

    @Override
    public CompletionStage<DeliveryReceipt> publish(OutboundEvent event) {
        return CompletableFuture.supplyAsync(() -> delegate.publish(event), executor).thenCompose(s -> s);
    }

    @Override
    public CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String partitionKey, EventEnvelope envelope) {
        return CompletableFuture.supplyAsync(() -> delegate.publishEnvelope(topic, partitionKey, envelope), executor)
                .thenCompose(s -> s);
    }
}
