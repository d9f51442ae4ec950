package io.onex.nodes.orchestrator;

import io.onex.api.EventPublisher;
import io.onex.api.OutboundEvent;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowEventFields;
import io.onex.runtime.workflow.WorkflowEventTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This orchestrator instance's side of the run log: writes each run's states to the {@link RunLog} (and its
 * {@link RunBook} at once), answers from it, and at start finishes what this instance left unfinished before a crash.
 *
 * <p>The order of writes is what makes the log's promises hold across a {@code kill -9}: a run's {@code started}
 * record is durable before its started event goes out (so every started event has a record a restart finds); its
 * {@code stamped} record before the publish step reports the stamp (so a restart completes a run whose stamp is
 * out, rather than failing it); its terminal record before the caller gets the answer (so an answered id is never
 * stamped again within retention). A failed write is logged and the run goes on: the log then only knows less.
 */
final class RunHistory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);
    /** {@code error_type} of the failed event of a run a restart interrupted. */
    static final String INTERRUPTED = "InterruptedByRestart";
    private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(30);

    private final RunLog log;
    private final RunBook book;
    private final String instance;
    private final Clock clock;

    RunHistory(RunLog log, String instance, Clock clock, Duration retention, int capacity) {
        this.log = log;
        this.instance = instance;
        this.clock = clock;
        this.book = new RunBook(clock, retention, capacity);
    }

    /** Reads the log to its end (the orchestrator takes no request before). */
    void open() throws Exception {
        log.open(book::apply);
    }

    String instance() {
        return instance;
    }

    /** The stamp an earlier run of this correlation id published, within retention. */
    Optional<StampResult> answer(String correlationId) {
        return book.answer(correlationId);
    }

    CompletionStage<Void> started(String correlationId, String workflowId, String namespace) {
        return write(RunRecord.started(correlationId, workflowId, instance, namespace, clock.instant()));
    }

    CompletionStage<Void> stamped(String correlationId, String workflowId, StampResult stamp) {
        return write(runOf(correlationId, workflowId, stamp.namespace()).stamped(stamp, clock.instant()));
    }

    CompletionStage<Void> finished(String correlationId, String workflowId, String namespace, StampResult result) {
        RunRecord run = runOf(correlationId, workflowId, namespace);
        return write(result.completed() ? run.completed(result, clock.instant())
                : run.failed(result.error(), clock.instant()));
    }

    /**
     * Finishes the runs this instance left unfinished: one whose stamp is out is completed (its completed event and
     * record), any other reported failed ({@code interrupted by restart of instance <id>}). Its caller got no answer
     * and, asking again, gets the stamp or a new run. Waits until each is written or {@link #FINISH_TIMEOUT}.
     *
     * @return how many runs were completed and failed, in that order
     */
    int[] finishUnfinished(WorkflowDefinition workflow, WorkflowEventTopics topics, EventPublisher publisher) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        int completed = 0;
        int failed = 0;
        for (RunRecord run : book.unfinishedOf(instance)) {
            boolean stamped = run.result() != null;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put(WorkflowEventFields.WORKFLOW_ID, run.workflowId());
            p.put(WorkflowEventFields.WORKFLOW_TYPE, workflow.name());
            p.put(WorkflowEventFields.WORKFLOW_VERSION, workflow.version());
            if (run.namespace() != null) {
                p.put(WorkflowEventFields.NAMESPACE, run.namespace());
            }
            RunRecord end;
            OutboundEvent event;
            if (stamped) {
                p.put(WorkflowEventFields.WORKFLOW_STATE, "completed");
                event = OutboundEvent.builder(topics.completed(), WorkflowEventFields.STAMP_WORKFLOW_COMPLETED)
                        .payload(p).correlationId(run.correlationId()).build();
                end = run.completed(run.result(), clock.instant());
                completed++;
            } else {
                String why = "interrupted by restart of instance " + instance;
                p.put(WorkflowEventFields.WORKFLOW_STATE, "failed");
                p.put(WorkflowEventFields.ERROR_MESSAGE, why);
                p.put(WorkflowEventFields.ERROR_TYPE, INTERRUPTED);
                event = OutboundEvent.builder(topics.failed(), WorkflowEventFields.STAMP_WORKFLOW_FAILED)
                        .payload(p).correlationId(run.correlationId()).build();
                end = run.failed(why, clock.instant());
                failed++;
            }
            LOG.info("run left unfinished by instance {} {} after the restart: correlation_id={} workflow_id={}",
                    instance, stamped ? "completed" : "reported failed", run.correlationId(), run.workflowId());
            // the event first: a crash between the two leaves the run unfinished, to be finished at the next start
            writes.add(publisher.publish(event).thenCompose(receipt -> write(end)).toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                    .get(FINISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("runs left unfinished by instance {}: not all finished ({}); the next start tries again",
                    instance, e.toString());
        }
        return new int[] {completed, failed};
    }

    private RunRecord runOf(String correlationId, String workflowId, String namespace) {
        return book.record(correlationId).filter(r -> r.workflowId().equals(workflowId))
                .orElseGet(() -> RunRecord.started(correlationId, workflowId, instance, namespace, clock.instant()));
    }

    private CompletionStage<Void> write(RunRecord r) {
        book.apply(r);
        return log.append(r).exceptionally(e -> {
            LOG.warn("run log: {} record not written: correlation_id={} workflow_id={} error={}", r.state().wireName(),
                    r.correlationId(), r.workflowId(), e.toString());
            return null;
        });
    }

    String describe() {
        return log.describe();
    }

    @Override
    public void close() {
        log.close();
    }
}
