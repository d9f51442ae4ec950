package io.onex.api.batch;

import io.onex.api.EffectNode;
import io.onex.api.NodeContext;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * An {@link EffectNode} that takes the records of a poll in one call: a sink that writes in bulk (one database
 * transaction, one bulk request per batch).
 *
 * <p>For the records it consumes, the runtime hands the node batches of up to the contract's
 * {@code consumer.batch_size} records, and runs each batch once through the node's pipeline: retry with backoff,
 * circuit breaker, timeout and dead-lettering apply to the batch. A batch whose stage fails (the store is down) is
 * retried as a whole and counts once against the breaker; when the breaker is open its records are not done and
 * come again, as on the single-record path. An item the {@link BatchOutcome} marks as failed with a
 * {@link io.onex.api.NonRetryableException} (a poison record) goes alone to the dead-letter topic, with its own
 * record and correlation id; the others are done. A record whose bytes are no envelope never reaches the node.
 *
 * <p>Everything else (a workflow step, {@code runtime.call}, a test kit's single delivery) still calls
 * {@link #executeEffect}, so the node implements both; the usual way is to let {@code executeEffect} write a batch
 * of one.
 *
 * <pre>{@code
 * public final class OrderSink implements BatchEffectNode<EventEnvelope, Void> {
 *     public Class<EventEnvelope> inputType() { return EventEnvelope.class; }
 *
 *     public CompletionStage<BatchOutcome> executeBatch(List<BatchItem<EventEnvelope>> items, NodeContext ctx) {
 *         return store.writeAll(items.stream().map(i -> Row.of(i.input())).toList())   // null per row written
 *                 .thenApply(BatchOutcome::of);
 *     }
 *
 *     public CompletionStage<Void> executeEffect(EventEnvelope in, NodeContext ctx) {
 *         return executeBatch(List.of(new BatchItem<>(in, ctx.triggerTopic().orElse(""), ctx.correlationId())), ctx)
 *                 .thenAccept(outcome -> { if (outcome.failed() > 0) throw new CompletionException(outcome.failure(0)); });
 *     }
 * }
 * }</pre>
 *
 * @param <I> input type
 * @param <O> output type of {@link #executeEffect} (a batch yields no outputs)
 */
public interface BatchEffectNode<I, O> extends EffectNode<I, O> {

    /**
     * Performs the effect for a batch. Must not block the calling thread on I/O: return a stage.
     *
     * @param items the batch, never empty, in the order the records were consumed (per partition, offset order)
     * @param context the batch call's context: a correlation id of its own, the attempt, publisher, clock, config
     *     (no trigger: each item says where it came from)
     * @return a stage completing with one outcome per item, or exceptionally when the batch as a whole failed
     */
    CompletionStage<BatchOutcome> executeBatch(List<BatchItem<I>> items, NodeContext context);
}
