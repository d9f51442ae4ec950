package io.onex.nodes.orchestrator;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Where the orchestrator keeps its runs' states durably, keyed by correlation id: {@link KafkaRunLog} (a compacted
 * topic), or {@link MemoryRunLog} (the process's memory: for runtimes without a broker, and the tests' fake).
 */
interface RunLog extends AutoCloseable {

    /**
     * Reads the log to the end it had when called, handing each record to {@code sink} before returning; then keeps
     * handing it the records written afterwards (other instances' and this one's), on a thread of its own.
     *
     * @throws Exception when the log cannot be read (the orchestrator then does not start)
     */
    void open(Consumer<RunRecord> sink) throws Exception;

    /** Writes a record; completes once it is durable (acknowledged by the broker). */
    CompletionStage<Void> append(RunRecord record);

    /** What the log is, for the start-up line. */
    String describe();

    @Override
    void close();
}
