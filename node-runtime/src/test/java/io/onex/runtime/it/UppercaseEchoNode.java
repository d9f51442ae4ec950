package io.onex.runtime.it;

import io.onex.api.EffectNode;
import io.onex.api.EventEnvelope;
import io.onex.api.NodeContext;
import io.onex.api.OutboundEvent;
import io.onex.api.DeliveryReceipt;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sample node of the end-to-end tests: consumes envelopes, publishes {@code text} upper-cased to its output
 * topic. A payload with {@code "fail": true} fails every attempt (retryable), one with
 * {@code "fail_as_configured": true} with {@link #FAILURE_MESSAGE} (a message the input does not carry); while {@link #DOWNSTREAM_DOWN} is set
 * every call fails, as if its downstream were unreachable.
 */
public final class UppercaseEchoNode implements EffectNode<EventEnvelope, DeliveryReceipt> {
    static final AtomicBoolean DOWNSTREAM_DOWN = new AtomicBoolean();
    static final AtomicInteger ATTEMPTS = new AtomicInteger();
    static final AtomicReference<String> FAILURE_MESSAGE = new AtomicReference<>("failed as configured");

    @Override
    public Class<EventEnvelope> inputType() {
        return EventEnvelope.class;
    }

    @Override
    public CompletionStage<DeliveryReceipt> executeEffect(EventEnvelope input, NodeContext context) {
        ATTEMPTS.incrementAndGet();
        if (DOWNSTREAM_DOWN.get() || Boolean.TRUE.equals(input.payload().get("fail"))) {
            return CompletableFuture.failedFuture(new IOException("downstream unavailable"));
        }
        if (Boolean.TRUE.equals(input.payload().get("fail_as_configured"))) {
            return CompletableFuture.failedFuture(new IOException(FAILURE_MESSAGE.get()));
        }
        String text = String.valueOf(input.payload().get("text"));
        return context.publisher().publish(OutboundEvent.builder("onex.evt.it-echoed.v1", "IT_ECHOED")
                .payload(Map.of("text", text.toUpperCase(java.util.Locale.ROOT))).build());
    }
}
