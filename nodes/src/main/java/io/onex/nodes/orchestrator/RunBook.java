package io.onex.nodes.orchestrator;

import io.onex.nodes.orchestrator.RunRecord.RunState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run log as this orchestrator knows it: the latest record per correlation id, from the log read at start, this
 * instance's own writes and, afterwards, other instances' records as the log's follower reads them. Decides what a
 * request is answered from and which runs a restarted instance must finish. Thread-safe.
 *
 * <p>Bounded twice: a record older than {@code retention} (by the runtime's clock) answers nothing and is dropped;
 * at most {@code capacity} correlation ids are kept, the oldest forgotten first.
 */
final class RunBook {

    private final Clock clock;
    private final Duration retention;
    private final Map<String, RunRecord> runs;

    RunBook(Clock clock, Duration retention, int capacity) {
        this.clock = clock;
        this.retention = retention;
        this.runs = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RunRecord> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Takes a record in. Records of one run only move forward (started, stamped, then completed or failed), so a
     * record read back late from the log never undoes a newer one; a record of another run of the same correlation
     * id (a retry after a failure, another instance's run) replaces the current one unless that one answers
     * requests and the new one does not.
     */
    synchronized void apply(RunRecord r) {
        RunRecord current = runs.get(r.correlationId());
        if (current != null) {
            boolean sameRun = current.workflowId().equals(r.workflowId());
            if (sameRun ? r.state().compareTo(current.state()) < 0
                    : current.state().answers() && !r.state().answers()) {
                return;
            }
            runs.remove(r.correlationId()); // re-inserted last: the oldest ids are forgotten first
        }
        runs.put(r.correlationId(), r);
    }

    /** The stamp a request with this correlation id is answered with: its run's, if published within retention. */
    synchronized Optional<StampResult> answer(String correlationId) {
        RunRecord r = current(correlationId);
        return r != null && r.state().answers() ? Optional.of(r.result()) : Optional.empty();
    }

    /** The record of a correlation id within retention. */
    synchronized Optional<RunRecord> record(String correlationId) {
        return Optional.ofNullable(current(correlationId));
    }

    /**
     * The runs {@code instance} left unfinished (started or stamped, with no terminal record), oldest first: what
     * that instance, restarted, must complete or report failed.
     */
    synchronized List<RunRecord> unfinishedOf(String instance) {
        List<RunRecord> out = new ArrayList<>();
        for (RunRecord r : runs.values()) {
            if (!r.state().terminal() && r.instance().equals(instance) && !expired(r)) {
                out.add(r);
            }
        }
        return out;
    }

    synchronized int size() {
        return runs.size();
    }

    private RunRecord current(String correlationId) {
        RunRecord r = runs.get(correlationId);
        if (r != null && expired(r)) {
            runs.remove(correlationId);
            return null;
        }
        return r;
    }

    private boolean expired(RunRecord r) {
        return !r.at().plus(retention).isAfter(clock.instant());
    }
}
