package io.onex.runtime.kafka;

import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a {@link ConsumerLoop} hands each consumed record to.
 *
 * <p>The returned stage completes normally when the record is <em>done</em>: processed, or written to the
 * dead-letter topic. Only then may its offset be committed. It completes exceptionally when the record is
 * <em>not</em> done (the node's breaker is open and the contract does not dead-letter on open, or the dead-letter
 * write itself failed): the loop then must not commit past it and redelivers it later.
 */
@FunctionalInterface
public interface RecordHandler {

    /**
     * Handles one record. Must not block: return a stage.
     *
     * @param record the consumed record (raw bytes; decoding is the handler's business)
     * @return completes with the outcome when done, exceptionally when not done
     */
    CompletionStage<RecordOutcome> handle(ConsumerRecord<byte[], byte[]> record);
}
