package io.onex.api.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What became of each item of a batch a {@link BatchEffectNode} handled: done, or why that item alone failed (a
 * record the store refuses). A failure of the whole batch (the store is down) is no outcome: the node's stage
 * completes exceptionally instead.
 *
 * <pre>{@code
 * List<NonRetryableException> refused = store.writeAll(rows);   // null where a row was written
 * return BatchOutcome.of(refused);
 * }</pre>
 */
public final class BatchOutcome {

    private final List<Throwable> failures;
    private final int failed;

    private BatchOutcome(List<Throwable> failures) {
        this.failures = failures;
        int n = 0;
        for (Throwable t : failures) {
            if (t != null) {
                n++;
            }
        }
        this.failed = n;
    }

    /**
     * Every item of a batch is done.
     *
     * @param size the batch's size
     */
    public static BatchOutcome allDone(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, but was " + size);
        }
        return new BatchOutcome(Collections.nCopies(size, null));
    }

    /**
     * One entry per item, in the batch's order: {@code null} when the item is done, otherwise why it alone failed.
     * A {@link io.onex.api.NonRetryableException} sends the item to the dead-letter topic at once; a failure the
     * contract's retry policy retries sends the item (alone with the others that failed so) to the next attempt.
     *
     * @param perItem the failures, null where the item is done
     */
    public static BatchOutcome of(List<? extends Throwable> perItem) {
        Objects.requireNonNull(perItem, "perItem");
        return new BatchOutcome(Collections.unmodifiableList(new ArrayList<>(perItem)));
    }

    /** How many items this outcome is about. */
    public int size() {
        return failures.size();
    }

    /** How many items failed. */
    public int failed() {
        return failed;
    }

    /**
     * @param index the item's position in the batch
     * @return why the item failed, or null when it is done
     */
    public Throwable failure(int index) {
        return failures.get(index);
    }
}
