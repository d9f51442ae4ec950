package io.onex.api.batch;

import java.util.List;

/**
 * Writes one batch of a {@link CallBatcher}: a database transaction, a bulk request, one file.
 *
 * @param <T> what is batched
 */
@FunctionalInterface
public interface BatchHandler<T> {

    /**
     * Handles a batch, in the order its items were added.
     *
     * @param batch the items, never empty
     * @return one entry per item, in order: {@code null} when the item is done, otherwise why that item alone failed
     *         (a record the store refuses, say); the others are done
     * @throws Exception when the batch as a whole was not handled (the store is down): every item fails
     */
    List<? extends Throwable> handle(List<T> batch) throws Exception;
}
