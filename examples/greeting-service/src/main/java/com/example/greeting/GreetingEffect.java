package com.example.greeting;

import io.onex.api.EffectNode;
import io.onex.api.NodeContext;
import io.onex.api.OutboundEvent;
import io.onex.api.contract.NodeContract;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Greets by name and publishes the greeting. Its contract: contracts/greeting_effect.yaml. */
public final class GreetingEffect implements EffectNode<Map<String, Object>, Map<String, Object>> {

    static final String PUBLISHED = "onex.evt.greeting-completed.v1";
    static final String EVENT_TYPE = "GREETING_COMPLETED";
    static final String GREETING = "greeting";

    private final String greeting;

    /** The runtime injects the node's contract; bind anything else it needs in a Guice module. */
    @Inject
    public GreetingEffect(NodeContract contract) {
        this.greeting = String.valueOf(contract.config().getOrDefault("greeting", "hello"));
    }

    /** Maps are handed over as they are. */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Map<String, Object>> inputType() {
        return (Class) Map.class;
    }

    /** Runs for every call; does not block: the answer completes when the broker has the greeting. */
    @Override
    public CompletionStage<Map<String, Object>> executeEffect(Map<String, Object> input, NodeContext context) {
        Map<String, Object> answer = Map.of(GREETING, greeting + " " + input.getOrDefault("name", "world"));
        return context.publisher().publish(OutboundEvent.builder(PUBLISHED, EVENT_TYPE).payload(answer).build())
                .thenApply(receipt -> answer);
    }
}
