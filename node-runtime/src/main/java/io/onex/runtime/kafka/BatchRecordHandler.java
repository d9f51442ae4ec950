package io.onex.runtime.kafka;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a {@link ConsumerLoop} hands the records of a poll to, all at once, instead of one by one to a
 * {@link RecordHandler}: for nodes that write in bulk.
 *
 * <p>Each record still becomes done (or not) on its own, with the same meaning as {@link RecordHandler}'s stage: the
 * loop commits a partition's offset only past records that are done, and seeks back to the first that is not.
 */
@FunctionalInterface
public interface BatchRecordHandler {

    /**
     * Handles the records handed out together. Must not block: return stages.
     *
     * @param records the records, never empty; per partition in offset order
     * @return one stage per record, in the same order: completes with the outcome when the record is done,
     *     exceptionally when it is not
     */
    List<? extends CompletionStage<RecordOutcome>> handle(List<ConsumerRecord<byte[], byte[]>> records);
}
