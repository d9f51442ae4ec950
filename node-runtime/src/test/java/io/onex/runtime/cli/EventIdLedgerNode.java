package io.onex.runtime.cli;

import io.onex.api.EffectNode;
import io.onex.api.EventEnvelope;
import io.onex.api.NodeContext;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The consumer of {@link DlqCommandIT}: idempotent by event id, as a consumer of replayed events should be. It counts
 * every delivery of an event id and applies an event only the first time its id is seen; an event whose payload has
 * {@code "fail": true} fails (and goes to the DLQ).
 */
public final class EventIdLedgerNode implements EffectNode<EventEnvelope, String> {

    /** Deliveries per event id. */
    static final Map<String, AtomicInteger> DELIVERIES = new ConcurrentHashMap<>();
    /** Effects applied per event id: never more than one. */
    static final Map<String, AtomicInteger> APPLIED = new ConcurrentHashMap<>();

    @Override
    public Class<EventEnvelope> inputType() {
        return EventEnvelope.class;
    }

    @Override
    public CompletionStage<String> executeEffect(EventEnvelope input, NodeContext context) {
        DELIVERIES.computeIfAbsent(input.eventId(), k -> new AtomicInteger()).incrementAndGet();
        if (Boolean.TRUE.equals(input.payload().get("fail"))) {
            return CompletableFuture.failedFuture(new IllegalStateException("ledger refused " + input.eventId()));
        }
        if (APPLIED.putIfAbsent(input.eventId(), new AtomicInteger(1)) != null) {
            return CompletableFuture.completedFuture("duplicate"); // seen: absorbed
        }
        return CompletableFuture.completedFuture("applied");
    }
}
