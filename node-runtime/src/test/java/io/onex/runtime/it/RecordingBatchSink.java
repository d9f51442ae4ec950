package io.onex.runtime.it;

import io.onex.api.DownstreamUnavailableException;
import io.onex.api.EventEnvelope;
import io.onex.api.NodeContext;
import io.onex.api.NonRetryableException;
import io.onex.api.batch.BatchEffectNode;
import io.onex.api.batch.BatchItem;
import io.onex.api.batch.BatchOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The batch node of {@link BatchSinkIT}: records every batch and the event ids it took. A payload with
 * {@code "poison": true} is refused alone; while {@link #DOWN} is set every batch fails as a downstream outage.
 */
public final class RecordingBatchSink implements BatchEffectNode<EventEnvelope, Void> {
    static final AtomicBoolean DOWN = new AtomicBoolean();
    static final List<Integer> BATCH_SIZES = new CopyOnWriteArrayList<>();
    /** Event id → how many times a batch took it. */
    static final ConcurrentHashMap<String, Integer> TAKEN = new ConcurrentHashMap<>();

    static void reset() {
        DOWN.set(false);
        BATCH_SIZES.clear();
        TAKEN.clear();
    }

    static Set<String> taken() {
        return TAKEN.keySet();
    }

    @Override
    public Class<EventEnvelope> inputType() {
        return EventEnvelope.class;
    }

    @Override
    public CompletionStage<BatchOutcome> executeBatch(List<BatchItem<EventEnvelope>> items, NodeContext context) {
        BATCH_SIZES.add(items.size());
        if (DOWN.get()) {
            return CompletableFuture.failedFuture(new DownstreamUnavailableException("sink away"));
        }
        List<Throwable> outcome = new ArrayList<>(items.size());
        for (BatchItem<EventEnvelope> item : items) {
            if (Boolean.TRUE.equals(item.input().payload().get("poison"))) {
                outcome.add(new NonRetryableException("refused " + item.input().eventId()));
            } else {
                TAKEN.merge(item.input().eventId(), 1, Integer::sum);
                outcome.add(null);
            }
        }
        return CompletableFuture.completedFuture(BatchOutcome.of(outcome));
    }

    @Override
    public CompletionStage<Void> executeEffect(EventEnvelope input, NodeContext context) {
        throw new AssertionError("consumed records take the batch path");
    }
}
