package io.onex.client.internal;

import io.onex.api.EffectNode;
import io.onex.api.NodeContext;
import io.onex.client.ConsumedMessage;
import io.onex.client.MessageHandler;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A subscriber's handler as the effect node the runtime's pipeline calls: so a handler is retried, timed out, broken
 * and dead-lettered exactly as a node is. The handler runs on the client's handler threads, never on the consumer's.
 */
public final class HandlerNode implements EffectNode<ConsumedMessage, Void> {

    private final MessageHandler handler;
    private final Executor executor;

    public HandlerNode(MessageHandler handler, Executor executor) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public Class<ConsumedMessage> inputType() {
        return ConsumedMessage.class;
    }

    @Override
    public CompletionStage<Void> executeEffect(ConsumedMessage message, NodeContext context) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    handler.handle(message);
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }
}
