package io.onex.runtime.kafka.internal;

import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Offsets of one partition a consumer loop has handed out, and how far it may commit.
 *
 * <p>Records complete in any order; the commit position only ever moves to the highest offset below which every
 * handed-out record is done (plus one), so a commit never skips a record that is not done. A record that fails
 * (is not done) is forgotten together with everything handed out after it, because the loop seeks back to it and
 * they will all be delivered again; the epoch moves on so completions from the abandoned round are ignored. The
 * records among them that were done (before the failure, or in the abandoned round after it) are remembered, and
 * {@link #skipDone} tells the loop not to hand them to the handler again: they count as done when delivered again.
 *
 * <p>Not thread-safe: owned by the consumer loop's thread.
 */
public final class PartitionProgress {

    private static final class Entry {
        final int epoch;
        boolean done;

        Entry(int epoch) {
            this.epoch = epoch;
        }
    }

    private final TreeMap<Long, Entry> handedOut = new TreeMap<>();
    /** Offsets done in an abandoned round, after the record the partition was sought back to. */
    private final TreeSet<Long> doneAhead = new TreeSet<>();
    private int epoch;
    private int notDone;
    private long doneUpTo = -1;
    /** The highest position sent for commit (confirmed or not). */
    private long sent = -1;
    /** The highest position the broker confirmed. */
    private long confirmed = -1;

    /** The current epoch; a completion must carry the epoch its record was handed out in. */
    public int epoch() {
        return epoch;
    }

    /**
     * Records that a record was handed to the handler.
     *
     * @param offset its offset, greater than every offset handed out before in this epoch
     */
    public void handedOut(long offset) {
        if (!handedOut.isEmpty() && offset <= handedOut.lastKey()) {
            throw new IllegalStateException("offset " + offset + " handed out after " + handedOut.lastKey()
                    + ": offsets must increase within a partition");
        }
        handedOut.put(offset, new Entry(epoch));
        notDone++;
    }

    /**
     * Marks a record done.
     *
     * @return whether the completion counted (false when it belongs to an abandoned round)
     */
    public boolean done(long offset, int recordEpoch) {
        Entry e = handedOut.get(offset);
        if (e == null && recordEpoch != epoch && offset >= doneUpTo) {
            // forgotten by a seek back and not delivered again yet: done all the same, so not to be handled again
            return doneAhead.add(offset);
        }
        if (e == null || e.epoch != recordEpoch || e.done) {
            return false;
        }
        e.done = true;
        notDone--;
        while (!handedOut.isEmpty() && handedOut.firstEntry().getValue().done) {
            doneUpTo = handedOut.pollFirstEntry().getKey() + 1;
        }
        return true;
    }

    /**
     * Records that a record is not done: it and every record handed out after it are forgotten (those done are
     * remembered for {@link #skipDone}).
     *
     * @return whether the failure counted (false when it belongs to an abandoned round); when true the caller
     *         must seek the partition back to {@code offset}
     */
    public boolean notDone(long offset, int recordEpoch) {
        Entry e = handedOut.get(offset);
        if (e == null || e.epoch != recordEpoch || e.done) {
            return false;
        }
        for (var later : handedOut.tailMap(offset, true).entrySet()) {
            if (later.getValue().done) {
                doneAhead.add(later.getKey());
            } else {
                notDone--;
            }
        }
        handedOut.tailMap(offset, true).clear();
        epoch++;
        return true;
    }

    /**
     * Whether the record at {@code offset}, delivered again after a seek back, was already done in an abandoned round:
     * then it counts as handed out and done at once, and the caller does not hand it to the handler again (its
     * outcome stands: a dead-lettered record would otherwise be dead-lettered twice).
     */
    public boolean skipDone(long offset) {
        doneAhead.headSet(offset).clear(); // below what is delivered now: never coming again in this assignment
        if (!doneAhead.remove(offset)) {
            return false;
        }
        handedOut(offset);
        done(offset, epoch);
        return true;
    }

    /** Records handed out in the current round and not done yet. */
    public int inFlight() {
        return notDone;
    }

    /** The position up to which every handed-out record is done, or -1 when none is. */
    public long doneUpTo() {
        return doneUpTo;
    }

    /** The position to commit, when it moved past the last one sent for commit. */
    public OptionalLong commitDue() {
        return doneUpTo > sent ? OptionalLong.of(doneUpTo) : OptionalLong.empty();
    }

    /** Notes that {@code position} was sent for commit; it is not committed until {@link #commitSucceeded}. */
    public void committing(long position) {
        sent = Math.max(sent, position);
    }

    /** The broker confirmed the commit of {@code position}. */
    public void commitSucceeded(long position) {
        confirmed = Math.max(confirmed, position);
        sent = Math.max(sent, confirmed);
    }

    /**
     * The commit of {@code position} failed: unless a later commit was confirmed meanwhile, {@link #commitDue()}
     * offers the done position again, so the next commit retries it.
     */
    public void commitFailed(long position) {
        if (position > confirmed) {
            sent = confirmed;
        }
    }

    /** The highest position the broker confirmed, or -1. */
    public long confirmed() {
        return confirmed;
    }
}
