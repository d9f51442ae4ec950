package io.onex.runtime.it;

import io.onex.api.EffectNode;
import io.onex.api.EventEnvelope;
import io.onex.api.NodeContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The node of {@link GroupHealthIT}: done at once, except on {@code "block": true}, which waits for {@link #RELEASE}. */
public final class StallingNode implements EffectNode<EventEnvelope, String> {
    static volatile CompletableFuture<String> RELEASE = new CompletableFuture<>();

    @Override
    public Class<EventEnvelope> inputType() {
        return EventEnvelope.class;
    }

    @Override
    public CompletionStage<String> executeEffect(EventEnvelope input, NodeContext context) {
        return Boolean.TRUE.equals(input.payload().get("block")) ? RELEASE : CompletableFuture.completedFuture("done");
    }
}
