package io.onex.runtime.dashboard;

import io.onex.api.EffectNode;
import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeContext;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Accepts every event but those with {@code "poison": true}, which it refuses for good with their text as reason. */
public final class RefusingEffect implements EffectNode<EventEnvelope, Map<String, Object>> {

    @Override
    public Class<EventEnvelope> inputType() {
        return EventEnvelope.class;
    }

    @Override
    public CompletionStage<Map<String, Object>> executeEffect(EventEnvelope input, NodeContext context) {
        if (Boolean.TRUE.equals(input.payload().get("poison"))) {
            return CompletableFuture.failedFuture(new InvalidInputException("refused " + input.payload().get("text")));
        }
        return CompletableFuture.completedFuture(Map.of("accepted", true));
    }
}
