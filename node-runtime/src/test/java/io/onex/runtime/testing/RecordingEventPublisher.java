package io.onex.runtime.testing;

import io.onex.api.DeliveryReceipt;
import io.onex.api.EventEnvelope;
import io.onex.api.EventPublisher;
import io.onex.api.OutboundEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link EventPublisher} for tests: records every publish attempt, acknowledges it at once with a receipt, and
 * fails or throws on demand. {@code publishEnvelope} is refused: the code under test is expected to publish
 * {@link OutboundEvent}s.
 */
public final class RecordingEventPublisher implements EventPublisher {

    private final List<OutboundEvent> attempts = new CopyOnWriteArrayList<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private long offset;

    private record Failure(RuntimeException error, boolean thrown) {
    }

    /** Every event passed to {@link #publish}, failed ones included, in order. */
    public List<OutboundEvent> attempts() {
        return List.copyOf(attempts);
    }

    /** The attempts of one event type. */
    public List<OutboundEvent> attempts(String eventType) {
        return attempts.stream().filter(e -> e.eventType().equals(eventType)).toList();
    }

    /** The next publish returns a stage failed with {@code error}. */
    public synchronized RecordingEventPublisher failNext(RuntimeException error) {
        failures.add(new Failure(error, false));
        return this;
    }

    /** The next publish throws {@code error} instead of returning a stage. */
    public synchronized RecordingEventPublisher throwNext(RuntimeException error) {
        failures.add(new Failure(error, true));
        return this;
    }

    /** The event types of every attempt, in order. */
    public List<String> types() {
        return attempts.stream().map(OutboundEvent::eventType).toList();
    }

    @Override
    public synchronized CompletionStage<DeliveryReceipt> publish(OutboundEvent event) {
        attempts.add(event);
        Failure f = failures.poll();
        if (f != null) {
            if (f.thrown()) {
                throw f.error();
            }
            return CompletableFuture.failedFuture(f.error());
        }
        return CompletableFuture.completedFuture(
                new DeliveryReceipt(event.topic(), 0, offset++, UUID.randomUUID().toString()));
    }

    @Override
    public CompletionStage<DeliveryReceipt> publishEnvelope(String topic, String partitionKey, EventEnvelope envelope) {
        throw new UnsupportedOperationException("publishEnvelope is not expected here: publish OutboundEvents");
    }
}
