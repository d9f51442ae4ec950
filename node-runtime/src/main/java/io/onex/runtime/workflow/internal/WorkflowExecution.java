package io.onex.runtime.workflow.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.values.NullValue;
import io.onex.runtime.workflow.StepCall;
import io.onex.runtime.workflow.StepInvoker;
import io.onex.runtime.workflow.StepResult;
import io.onex.runtime.workflow.StepResult.StepStatus;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowListener;
import io.onex.runtime.workflow.WorkflowResult;
import io.onex.runtime.workflow.WorkflowResult.WorkflowError;
import io.onex.runtime.workflow.WorkflowRun;
import io.onex.runtime.workflow.WorkflowState;
import io.onex.runtime.workflow.WorkflowStep;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a workflow: a DAG scheduler. A top-level step starts when the last of its dependencies finishes; each
 * step is evaluated (condition, input), called through the {@link StepInvoker}, bounded by its timeout, and its
 * output stored under its name for the steps after it. State changes happen under this object's lock; node calls,
 * the listener and events happen outside it. Its parts: {@link StepStates} (how far each step got), {@link StepSchedule}
 * (which steps are ready), {@link RunExpressions} (conditions, inputs, outputs), {@link StepOutcome} (how a step
 * ended, by its {@code on_error}), {@link RunTiming} (elapsed time, step deadlines), {@link WorkflowRunEvents}.
 */
public final class WorkflowExecution implements WorkflowRun {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowExecution.class);

    private final WorkflowDefinition wf;
    private final String workflowId;
    private final String correlationId;
    private final WorkflowListener listener;
    private final StepInvoker invoker;
    private final Executor stepExecutor;
    private final WorkflowRunEvents events;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService scheduler;

    private final Map<String, Object> scope = new ConcurrentHashMap<>();
    private final StepStates steps;
    private final StepSchedule schedule;
    private final CompletableFuture<WorkflowResult> result = new CompletableFuture<>();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final RunTiming timing;

    private boolean ending;
    private boolean handling;
    private int remaining;
    private int running;
    // written under the lock, read by finish() after the last step has returned
    private volatile WorkflowResult.Status status = WorkflowResult.Status.COMPLETED;
    private volatile WorkflowError failure;
    private ScheduledFuture<?> timeoutTimer;

    public WorkflowExecution(WorkflowDefinition wf, Object input, String workflowId, String correlationId,
            WorkflowListener listener, StepInvoker invoker, Executor stepExecutor, WorkflowEvents events,
            ObjectMapper mapper, ScheduledExecutorService scheduler, Clock clock) {
        this.wf = wf;
        this.timing = new RunTiming(clock, wf.timeout());
        this.workflowId = workflowId;
        this.correlationId = correlationId;
        this.listener = listener;
        this.invoker = invoker;
        this.stepExecutor = stepExecutor;
        this.events = new WorkflowRunEvents(events, wf, workflowId, correlationId);
        this.mapper = mapper;
        this.scheduler = scheduler;
        this.steps = new StepStates(wf);
        scope.put("input", input);
        this.schedule = new StepSchedule(wf.steps());
        remaining = wf.steps().size();
    }

    @Override
    public String workflowId() {
        return workflowId;
    }

    @Override
    public String correlationId() {
        return correlationId;
    }

    @Override
    public WorkflowState state() {
        return events.state();
    }

    @Override
    public CompletionStage<WorkflowResult> result() {
        return result;
    }

    /**
     * Publishes the start, arms the workflow timeout and starts every step without dependencies. Starts and
     * completions are logged at DEBUG (the events record them; a busy engine runs thousands a second); failures at
     * WARN.
     */
    public void start() {
        LOG.debug("workflow {} started: workflow_id={} correlation_id={} steps={}", wf.name(), workflowId, correlationId,
                steps.size());
        events.started(steps.size());
        if (wf.timeout() != null) {
            timeoutTimer = scheduler.schedule(() -> abort(WorkflowResult.Status.FAILED, new WorkflowError(null,
                    "workflow timed out after " + ValueTextFormat.duration(wf.timeout()), "WorkflowTimeout")),
                    wf.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        List<WorkflowStep> ready = schedule.first();
        if (ready.isEmpty()) {
            finish();
        }
        ready.forEach(this::launch);
    }

    @Override
    public void cancel() {
        abort(WorkflowResult.Status.CANCELLED, new WorkflowError(null, "the run was cancelled", "Cancelled"));
    }

    private void abort(WorkflowResult.Status why, WorkflowError error) {
        synchronized (this) {
            if (ending || finishing.get()) {
                return;
            }
            status = why;
            failure = error;
        }
        LOG.warn("workflow {} {}: workflow_id={} correlation_id={} error={}", wf.name(), why.wireName(), workflowId,
                correlationId, error.message());
        endRun();
    }

    /** Stops starting steps and cancels the calls in progress; the run finishes when the last of them has returned. */
    private void endRun() {
        List<CompletableFuture<Object>> calls;
        boolean idle;
        synchronized (this) {
            ending = true;
            calls = steps.callsInProgress();
            idle = running == 0;
        }
        if (timeoutTimer != null) {
            timeoutTimer.cancel(false);
        }
        calls.forEach(c -> c.cancel(true));
        if (idle) {
            finish();
        }
    }

    private void launch(WorkflowStep step) {
        String skippedDependency = null;
        synchronized (this) {
            if (ending) {
                return;
            }
            running++;
            for (String d : step.dependsOn()) {
                if (steps.status(d) == StepStatus.SKIPPED) {
                    skippedDependency = d;
                    break;
                }
            }
        }
        if (skippedDependency != null) {
            String why = "dependency '" + skippedDependency + "' was skipped";
            listener.stepStarted(step.name());
            topDone(step, record(step, StepOutcome.SKIPPED, why));
            return;
        }
        runStep(step, false).whenComplete((outcome, error) -> topDone(step, outcome != null ? outcome
                : StepOutcome.fatal(WorkflowErrors.of(step.name(), error))));
    }

    private void topDone(WorkflowStep step, StepOutcome outcome) {
        List<WorkflowStep> ready = List.of();
        boolean done;
        boolean failNow = false;
        synchronized (this) {
            running--;
            remaining--;
            if (outcome.fatal() && !ending) {
                status = WorkflowResult.Status.FAILED;
                failure = outcome.error();
                failNow = true;
            } else if (!ending) {
                ready = schedule.finished(step.name());
            }
            done = running == 0 && (ending || remaining == 0) && ready.isEmpty();
        }
        if (failNow) {
            LOG.warn("workflow {} step {} failed: workflow_id={} correlation_id={}", wf.name(), step.name(), workflowId,
                    correlationId);
            endRun();
            return;
        }
        ready.forEach(this::launch);
        if (done) {
            finish();
        }
    }

    /** Runs one step (any type); never completes exceptionally. */
    private CompletableFuture<StepOutcome> runStep(WorkflowStep step, boolean handler) {
        synchronized (this) {
            if (ending && !handler) {
                return CompletableFuture.completedFuture(StepOutcome.NOT_STARTED);
            }
            steps.started(step.name(), timing.nowMillis());
        }
        listener.stepStarted(step.name());
        Map<String, Object> vars = handler ? steps.completeScope(scope) : scope;
        try {
            if (!RunExpressions.condition(step, vars)) {
                return CompletableFuture.completedFuture(record(step, StepOutcome.SKIPPED, "condition is false"));
            }
            if (step.type() == WorkflowStep.Type.PARALLEL) {
                return parallel(step, handler);
            }
            return call(step, RunExpressions.input(step, vars));
        } catch (RunExpressions.Failure e) {
            return CompletableFuture.completedFuture(failed(step, e.getMessage(), "ExpressionError"));
        }
    }

    private CompletableFuture<StepOutcome> call(WorkflowStep step, Object input) {
        StepCall stepCall = new StepCall(workflowId, correlationId, step.name(), step.retry(),
                timing.stepDeadline(step.timeout()));
        CompletableFuture<Object> call = BoundedCall.start(invoker, stepExecutor, scheduler, step.node(), input,
                stepCall, step.timeout());
        synchronized (this) {
            steps.calling(step.name(), call);
        }
        return call.handle((value, error) -> error == null
                ? record(step, StepOutcome.completed(CelData.of(value, mapper)), null)
                : failed(step, error));
    }

    private CompletableFuture<StepOutcome> parallel(WorkflowStep step, boolean handler) {
        List<CompletableFuture<StepOutcome>> children = new ArrayList<>();
        for (WorkflowStep child : step.steps()) {
            children.add(runStep(child, handler));
        }
        return CompletableFuture.allOf(children.toArray(CompletableFuture[]::new)).handle((x, e) -> {
            Map<String, Object> output = new LinkedHashMap<>();
            for (int i = 0; i < children.size(); i++) {
                StepOutcome o = children.get(i).join();
                if (o.status() == StepStatus.CANCELLED || o.status() == StepStatus.NOT_STARTED) {
                    return record(step, StepOutcome.CANCELLED, "cancelled");
                }
                if (o.fatal()) {
                    return failed(step, o.error());
                }
                output.put(step.steps().get(i).name(), o.output() == null ? NullValue.NULL_VALUE : o.output());
            }
            return record(step, StepOutcome.completed(output), null);
        });
    }

    private StepOutcome failed(WorkflowStep step, Throwable error) {
        Throwable cause = WorkflowErrors.unwrap(error);
        boolean cancelled;
        synchronized (this) {
            cancelled = cause instanceof CancellationException
                    || ending && !handling && !(cause instanceof TimeoutException);
        }
        if (cancelled) {
            return record(step, StepOutcome.CANCELLED, "cancelled");
        }
        return failed(step, WorkflowErrors.of(step.name(), cause));
    }

    private StepOutcome failed(WorkflowStep step, String message, String type) {
        return failed(step, new WorkflowError(step.name(), message, type));
    }

    private StepOutcome failed(WorkflowStep step, WorkflowError error) {
        return record(step, StepOutcome.failed(step.onError(), error), error.message());
    }

    /** Records a step's end: state, scope, listener, event. */
    private StepOutcome record(WorkflowStep step, StepOutcome o, String error) {
        StepResult r;
        int order;
        synchronized (this) {
            r = steps.ended(step.name(), o.status(), o.output(), error, timing.nowMillis());
            order = steps.order(step.name());
        }
        scope.put(step.name(), o.output() == null ? NullValue.NULL_VALUE : o.output());
        listener.stepFinished(r);
        events.stepFinished(r, order, step);
        return o;
    }

    private void finish() {
        if (!finishing.compareAndSet(false, true)) {
            return;
        }
        if (timeoutTimer != null) {
            timeoutTimer.cancel(false);
        }
        Map<String, Object> outputs = outputs();
        CompletableFuture<Void> handled = status == WorkflowResult.Status.FAILED ? runHandlers()
                : CompletableFuture.completedFuture(null);
        handled.whenComplete((x, e) -> complete(outputs));
    }

    /** The workflow's outputs, when its steps went well; one that cannot be evaluated fails the run. */
    private Map<String, Object> outputs() {
        if (status == WorkflowResult.Status.COMPLETED) {
            try {
                return RunExpressions.outputs(wf, steps.completeScope(scope));
            } catch (RunExpressions.Failure e) {
                status = WorkflowResult.Status.FAILED;
                failure = new WorkflowError(null, e.getMessage(), "ExpressionError");
            }
        }
        return Map.of();
    }

    /** Runs {@code error_handling.on_step_failure} in dependency order, one at a time, with {@code error} in scope. */
    private CompletableFuture<Void> runHandlers() {
        if (wf.onStepFailure().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        synchronized (this) {
            handling = true;
        }
        scope.put("error", WorkflowErrors.data(failure));
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (WorkflowStep h : StepSchedule.dependencyOrder(wf.onStepFailure())) {
            chain = chain.thenCompose(x -> {
                boolean blocked = h.dependsOn().stream().anyMatch(d -> steps.status(d) != StepStatus.COMPLETED);
                if (blocked) {
                    listener.stepStarted(h.name());
                    record(h, StepOutcome.SKIPPED, "a dependency did not complete");
                    return CompletableFuture.completedFuture(null);
                }
                return runStep(h, true).thenAccept(o -> { });
            });
        }
        return chain;
    }

    private void complete(Map<String, Object> outputs) {
        List<StepResult> results;
        synchronized (this) {
            results = steps.results();
        }
        WorkflowResult r = new WorkflowResult(workflowId, correlationId, wf.name(), status,
                status == WorkflowResult.Status.COMPLETED ? outputs : Map.of(), results, failure,
                timing.elapsed());
        CompletableFuture<Void> published = events.finished(r);
        if (r.status() == WorkflowResult.Status.COMPLETED) {
            LOG.debug("workflow {} completed: workflow_id={} correlation_id={} duration_ms={}", wf.name(), workflowId,
                    correlationId, r.duration().toMillis());
        } else {
            LOG.warn("workflow {} {}: workflow_id={} correlation_id={} failed_step={} duration_ms={}", wf.name(),
                    r.status().wireName(), workflowId, correlationId, failure.step(), r.duration().toMillis());
        }
        published.handle((x, e) -> result.complete(r));
    }
}
