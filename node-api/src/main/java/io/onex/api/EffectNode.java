package io.onex.api;

import java.util.concurrent.CompletionStage;

/**
 * A node with side effects: publishing, writing to a database, calling a service.
 *
 * <p>The runtime wraps every call in retry (exponential backoff), a circuit breaker and a timeout built from the
 * node's contract; a call that finally fails is routed to the dead-letter topic. Throw (or complete exceptionally
 * with) a {@link NonRetryableException} to skip the remaining retries.
 *
 * <pre>{@code
 * public final class GreetingEffect implements EffectNode<Greeting, DeliveryReceipt> {
 *     public Class<Greeting> inputType() { return Greeting.class; }
 *     public CompletionStage<DeliveryReceipt> executeEffect(Greeting in, NodeContext ctx) {
 *         return ctx.publisher().publish(OutboundEvent.builder("onex.evt.greeted.v1", "GREETED")
 *                 .payload(Map.of("name", in.name())).build());
 *     }
 * }
 * }</pre>
 *
 * @param <I> input type
 * @param <O> output type
 */
public interface EffectNode<I, O> extends OnexNode<I, O> {

    /**
     * Performs the effect. Must not block the calling thread on I/O: return a stage that completes when done.
     *
     * @param input the converted input
     * @param context per-call context: correlation id, attempt, publisher, clock, node config
     * @return a stage completing with the result, or exceptionally with the failure
     */
    CompletionStage<O> executeEffect(I input, NodeContext context);
}
