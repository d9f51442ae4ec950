package io.onex.bench;

import io.onex.api.EffectNode;
import io.onex.api.EventEnvelope;
import io.onex.api.NodeContext;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The consuming node of {@code onex bench e2e}: subscribes to the bench topic in a runtime of its own and records,
 * per event, the time from when it was due to be published to now ({@link E2eLatencies}). It does nothing else, so
 * what is measured is the path: publishing node, producer, broker, consumer loop, pipeline.
 */
public final class E2eProbeNode implements EffectNode<EventEnvelope, Boolean> {

    /** Payload field: {@link System#nanoTime()} at which the event was due to be sent. */
    static final String DUE_NANOS = "due_nanos";
    /** Payload field: the phase the event belongs to. */
    static final String PHASE = "phase";

    private final E2eLatencies latencies;

    @Inject
    E2eProbeNode(E2eLatencies latencies) {
        this.latencies = latencies;
    }

    @Override
    public Class<EventEnvelope> inputType() {
        return EventEnvelope.class;
    }

    @Override
    public CompletionStage<Boolean> executeEffect(EventEnvelope input, NodeContext context) {
        Object due = input.payload().get(DUE_NANOS);
        Object phase = input.payload().get(PHASE);
        if (due instanceof Number d && phase instanceof Number p) {
            latencies.handled(p.intValue(), d.longValue());
        }
        return CompletableFuture.completedFuture(Boolean.TRUE);
    }
}
