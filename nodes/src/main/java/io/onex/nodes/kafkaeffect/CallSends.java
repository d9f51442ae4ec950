package io.onex.nodes.kafkaeffect;

import io.onex.api.AttemptedEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What the attempts of one call share ({@link io.onex.api.NodeContext#callState}): the events its first attempt
 * prepared, so that every attempt sends the same event ids, and the latest send, so that a later attempt never
 * starts a second send while an earlier one is still pending in the producer.
 *
 * <p>The pipeline's per-attempt timeout (5 s by default) is shorter than the producer's {@code delivery.timeout.ms}
 * (30 s): during a broker outage an attempt times out while the producer still holds its send, and delivers it once
 * the broker is back. A retry that sent again would write the event twice (docs/faults.md, defect 5). So the first
 * send's outcome decides: a later attempt answers with it (waiting, under its own timeout, while it is pending), and
 * sends again only after it failed (the producer gave up on it, or the transaction was aborted).
 */
final class CallSends {

    private List<AttemptedEvent> events;
    private CompletableFuture<KafkaEventOutput> latest;

    /**
     * The call's events, prepared once.
     *
     * @param prepare builds the events (envelopes with their event ids); called by the first attempt only, or again
     *     by a later one when it threw
     * @return the same events for every attempt of the call
     */
    synchronized List<AttemptedEvent> events(Supplier<List<AttemptedEvent>> prepare) {
        if (events == null) {
            events = List.copyOf(prepare.get());
        }
        return events;
    }

    /**
     * This attempt's outcome: that of the send still pending or already succeeded, or of a new send when there was
     * none yet or the latest one failed.
     *
     * @param send starts a send of the call's events; its stage is completed by the send's outcome only
     * @return a stage of this attempt's own: the pipeline's timeout fails it, never the send it waits on
     */
    synchronized CompletableFuture<KafkaEventOutput> sendUnlessPending(
            Supplier<CompletableFuture<KafkaEventOutput>> send) {
        if (latest == null || latest.isCompletedExceptionally()) {
            try {
                latest = send.get();
            } catch (RuntimeException e) {
                latest = CompletableFuture.failedFuture(e);
            }
        }
        return latest.copy();
    }
}
