package io.onex.runtime.pipeline;

import io.onex.api.AttemptedEvent;
import io.onex.runtime.deadletter.DeadLetter;
import io.onex.runtime.deadletter.DeadLetterRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a call that failed for good writes to dead-letter topics: the events its node said the last attempt tried
 * ({@link io.onex.api.NodeContext#deadLetterOnFinalFailure}), each to its own {@code <topic>.dlq}, else the call's
 * input. Written once, by the pipeline, whichever retry policy the call ran under.
 */
final class CallDeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(CallDeadLetters.class);

    /** The events a node registered for a final failure, and what to tell it per event written. */
    record Registered(List<AttemptedEvent> events, Consumer<AttemptedEvent> onDeadLettered) {
    }

    /** One letter and what to run once it is written. */
    record Letter(DeadLetter letter, Runnable onWritten) {
    }

    private CallDeadLetters() {
    }

    /** The letters of registered events: the envelope, key and headers each was sent with. */
    static List<Letter> of(Registered registered, Throwable failure, int attempts, String nodeId) {
        List<Letter> letters = new ArrayList<>(registered.events().size());
        for (AttemptedEvent e : registered.events()) {
            DeadLetter letter = DeadLetter.builder(e, failure).retryCount(attempts).nodeId(nodeId).build();
            letters.add(new Letter(letter, () -> registered.onDeadLettered().accept(e)));
        }
        return letters;
    }

    /**
     * Writes every letter.
     *
     * @return completes when all are written; exceptionally (with a write's failure) when any was not, once all
     *     writes have ended
     */
    static CompletionStage<Void> routeAll(DeadLetterRouter router, List<Letter> letters) {
        CompletableFuture<?>[] writes = new CompletableFuture<?>[letters.size()];
        for (int i = 0; i < writes.length; i++) {
            Letter l = letters.get(i);
            CompletionStage<?> write;
            try {
                write = router.route(l.letter());
            } catch (RuntimeException e) {
                write = CompletableFuture.failedFuture(e);
            }
            writes[i] = write.toCompletableFuture().thenRun(() -> notifyWritten(l));
        }
        return writes.length == 1 ? writes[0].thenRun(() -> { }) : CompletableFuture.allOf(writes);
    }

    private static void notifyWritten(Letter l) {
        try {
            l.onWritten().run();
        } catch (RuntimeException e) {
            // the letter is written: a node's bookkeeping failing must not turn that into a failure
            LOG.warn("node {} dead-letter callback failed: {}", l.letter().nodeId(), e.toString());
        }
    }
}
