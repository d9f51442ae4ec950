package io.onex.nodes.orchestrator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A run log in this process's memory: what a runtime without a broker uses (nothing survives the process), and the
 * tests' fake, where one instance shared by two orchestrators one after the other plays a log that outlives a
 * restart. Keeps every record in order ({@link #history()}); {@link #failNextAppend} makes one write fail.
 */
final class MemoryRunLog implements RunLog {

    private final List<RunRecord> records = new ArrayList<>();
    private Consumer<RunRecord> follower;
    private RuntimeException nextFailure;

    @Override
    public synchronized void open(Consumer<RunRecord> sink) {
        records.forEach(sink);
        follower = sink;
    }

    @Override
    public synchronized CompletionStage<Void> append(RunRecord record) {
        if (nextFailure != null) {
            RuntimeException e = nextFailure;
            nextFailure = null;
            return CompletableFuture.failedFuture(e);
        }
        records.add(record);
        if (follower != null) {
            follower.accept(record);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Every record written, in order. */
    synchronized List<RunRecord> history() {
        return List.copyOf(records);
    }

    synchronized void failNextAppend(RuntimeException e) {
        nextFailure = e;
    }

    @Override
    public String describe() {
        return "in this process only (no broker)";
    }

    /** The orchestrator stops reading; the records stay, as a topic's would. */
    @Override
    public synchronized void close() {
        follower = null;
    }
}
