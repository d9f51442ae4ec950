package io.onex.runtime.workflow.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.values.NullValue;
import io.onex.runtime.workflow.ExpressionException;
import io.onex.runtime.workflow.StepCall;
import io.onex.runtime.workflow.StepInvoker;
import io.onex.runtime.workflow.StepResult;
import io.onex.runtime.workflow.StepResult.StepStatus;
import io.onex.runtime.workflow.ValueTemplate;
import io.onex.runtime.workflow.WorkflowDefinition;
import io.onex.runtime.workflow.WorkflowListener;
import io.onex.runtime.workflow.WorkflowResult;
import io.onex.runtime.workflow.WorkflowResult.WorkflowError;
import io.onex.runtime.workflow.WorkflowRun;
import io.onex.runtime.workflow.WorkflowState;
import io.onex.runtime.workflow.WorkflowStateMachine;
import io.onex.runtime.workflow.WorkflowStep;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * the listener and events happen outside it.
 */
public final class WorkflowExecution implements WorkflowRun {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowExecution.class);

    private final WorkflowDefinition wf;
    private final String workflowId;
    private final String correlationId;
    private final WorkflowListener listener;
    private final StepInvoker invoker;
    private final Executor stepExecutor;
    private final WorkflowEvents events;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService scheduler;

    private final Map<String, Object> scope = new ConcurrentHashMap<>();
    private final Map<String, StepState> states = new LinkedHashMap<>();
    private final Map<String, Integer> waiting = new HashMap<>();
    private final Map<String, List<WorkflowStep>> dependents = new HashMap<>();
    private final List<CompletionStage<?>> published = new ArrayList<>();
    private final CompletableFuture<WorkflowResult> result = new CompletableFuture<>();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final WorkflowStateMachine fsm;
    private final Clock clock;
    private final long startMillis;

    private boolean ending;
    private boolean handling;
    private int remaining;
    private int running;
    // written under the lock, read by finish() after the last step has returned
    private volatile WorkflowResult.Status status = WorkflowResult.Status.COMPLETED;
    private volatile WorkflowError failure;
    private ScheduledFuture<?> timeoutTimer;

    /** The mutable state of one step. */
    private static final class StepState {
        final WorkflowStep step;
        final int order;
        StepStatus status = StepStatus.NOT_STARTED;
        long startMillis = -1;
        long durationMillis;
        Object output;
        String error;
        CompletableFuture<Object> call;

        StepState(WorkflowStep step, int order) {
            this.step = step;
            this.order = order;
        }
    }

    /** How a step ended. {@code fatal}: the workflow fails because of it. */
    private record Outcome(StepStatus status, Object output, WorkflowError error, boolean fatal) {
    }

    public WorkflowExecution(WorkflowDefinition wf, Object input, String workflowId, String correlationId,
            WorkflowListener listener, StepInvoker invoker, Executor stepExecutor, WorkflowEvents events,
            ObjectMapper mapper, ScheduledExecutorService scheduler, Clock clock) {
        this.wf = wf;
        this.clock = clock;
        this.startMillis = clock.millis();
        this.workflowId = workflowId;
        this.correlationId = correlationId;
        this.listener = listener;
        this.invoker = invoker;
        this.stepExecutor = stepExecutor;
        this.events = events;
        this.mapper = mapper;
        this.scheduler = scheduler;
        this.fsm = new WorkflowStateMachine(workflowId);
        scope.put("input", input);
        register(wf.steps());
        register(wf.onStepFailure());
        for (WorkflowStep s : wf.steps()) {
            waiting.put(s.name(), s.dependsOn().size());
            for (String d : s.dependsOn()) {
                dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(s);
            }
        }
        remaining = wf.steps().size();
    }

    private void register(List<WorkflowStep> steps) {
        for (WorkflowStep s : steps) {
            states.put(s.name(), new StepState(s, states.size()));
            register(s.steps());
        }
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
        return fsm.state();
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
                states.size());
        publish(events.started(wf, workflowId, correlationId, states.size()));
        publish(events.transition(wf, workflowId, correlationId, fsm.transition(WorkflowState.PROCESSING, "start")));
        if (wf.timeout() != null) {
            timeoutTimer = scheduler.schedule(() -> abort(WorkflowResult.Status.FAILED, new WorkflowError(null,
                    "workflow timed out after " + ValueTextFormat.duration(wf.timeout()), "WorkflowTimeout")),
                    wf.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        List<WorkflowStep> ready = wf.steps().stream().filter(s -> s.dependsOn().isEmpty()).toList();
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
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        boolean idle;
        synchronized (this) {
            ending = true;
            for (StepState s : states.values()) {
                if (s.call != null && !s.call.isDone()) {
                    calls.add(s.call);
                }
            }
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
                if (states.get(d).status == StepStatus.SKIPPED) {
                    skippedDependency = d;
                    break;
                }
            }
        }
        if (skippedDependency != null) {
            String why = "dependency '" + skippedDependency + "' was skipped";
            listener.stepStarted(step.name());
            topDone(step, record(step, new Outcome(StepStatus.SKIPPED, null, null, false), why));
            return;
        }
        runStep(step, false).whenComplete((outcome, error) -> topDone(step, outcome != null ? outcome
                : new Outcome(StepStatus.FAILED, null, WorkflowErrors.of(step.name(), error), true)));
    }

    private void topDone(WorkflowStep step, Outcome outcome) {
        List<WorkflowStep> ready = new ArrayList<>();
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
                for (WorkflowStep d : dependents.getOrDefault(step.name(), List.of())) {
                    if (waiting.merge(d.name(), -1, Integer::sum) == 0) {
                        ready.add(d);
                    }
                }
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
    private CompletableFuture<Outcome> runStep(WorkflowStep step, boolean handler) {
        StepState state;
        synchronized (this) {
            state = states.get(step.name());
            if (ending && !handler) {
                return CompletableFuture.completedFuture(new Outcome(StepStatus.NOT_STARTED, null, null, false));
            }
            state.startMillis = clock.millis();
        }
        listener.stepStarted(step.name());
        Map<String, Object> vars = handler ? completeScope() : scope;
        try {
            if (step.when() != null) {
                Object go = step.when().render(vars);
                if (!(go instanceof Boolean b)) {
                    return CompletableFuture.completedFuture(failed(step, "condition of step '" + step.name() + "' must be true or false, but was "
                            + go, "ExpressionError"));
                }
                if (!b) {
                    return CompletableFuture.completedFuture(record(step, new Outcome(StepStatus.SKIPPED, null, null, false), "condition is false"));
                }
            }
            if (step.type() == WorkflowStep.Type.PARALLEL) {
                return parallel(step, handler);
            }
            Object input = step.input().render(vars);
            return call(step, state, input);
        } catch (ExpressionException e) {
            return CompletableFuture.completedFuture(failed(step, MissingKeys.explain(e.getMessage(), vars),
                    "ExpressionError"));
        }
    }

    private CompletableFuture<Outcome> call(WorkflowStep step, StepState state, Object input) {
        StepCall stepCall = new StepCall(workflowId, correlationId, step.name(), step.retry(), deadline(step));
        CompletableFuture<Object> call = BoundedCall.start(invoker, stepExecutor, scheduler, step.node(), input,
                stepCall, step.timeout());
        synchronized (this) {
            state.call = call;
        }
        return call.handle((value, error) -> error == null
                ? record(step, new Outcome(StepStatus.COMPLETED, CelData.of(value, mapper), null, false), null)
                : failed(step, error));
    }

    private CompletableFuture<Outcome> parallel(WorkflowStep step, boolean handler) {
        List<CompletableFuture<Outcome>> children = new ArrayList<>();
        for (WorkflowStep child : step.steps()) {
            children.add(runStep(child, handler));
        }
        return CompletableFuture.allOf(children.toArray(CompletableFuture[]::new)).handle((x, e) -> {
            Map<String, Object> output = new LinkedHashMap<>();
            for (int i = 0; i < children.size(); i++) {
                Outcome o = children.get(i).join();
                if (o.status() == StepStatus.CANCELLED || o.status() == StepStatus.NOT_STARTED) {
                    return record(step, new Outcome(StepStatus.CANCELLED, null, null, false), "cancelled");
                }
                if (o.fatal()) {
                    return failed(step, o.error());
                }
                output.put(step.steps().get(i).name(), o.output() == null ? NullValue.NULL_VALUE : o.output());
            }
            return record(step, new Outcome(StepStatus.COMPLETED, output, null, false), null);
        });
    }

    /** Time since a reading of the clock; never negative (a wall clock may be set back). */
    private Duration elapsedSince(long millis) {
        return Duration.ofMillis(Math.max(0, clock.millis() - millis));
    }

    private Duration deadline(WorkflowStep step) {
        Duration d = step.timeout();
        if (wf.timeout() != null) {
            Duration left = wf.timeout().minus(elapsedSince(startMillis));
            if (left.isNegative() || left.isZero()) {
                left = Duration.ofMillis(1);
            }
            d = d == null || left.compareTo(d) < 0 ? left : d;
        }
        return d;
    }

    private Outcome failed(WorkflowStep step, Throwable error) {
        Throwable cause = WorkflowErrors.unwrap(error);
        boolean cancelled;
        synchronized (this) {
            cancelled = cause instanceof CancellationException
                    || ending && !handling && !(cause instanceof TimeoutException);
        }
        if (cancelled) {
            return record(step, new Outcome(StepStatus.CANCELLED, null, null, false), "cancelled");
        }
        return failed(step, WorkflowErrors.of(step.name(), cause));
    }

    private Outcome failed(WorkflowStep step, String message, String type) {
        return failed(step, new WorkflowError(step.name(), message, type));
    }

    private Outcome failed(WorkflowStep step, WorkflowError error) {
        return switch (step.onError()) {
            case FAIL -> record(step, new Outcome(StepStatus.FAILED, null, error, true), error.message());
            case CONTINUE -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("failed", true);
                out.put("error", WorkflowErrors.data(error));
                yield record(step, new Outcome(StepStatus.FAILED, out, error, false), error.message());
            }
            case SKIP -> record(step, new Outcome(StepStatus.SKIPPED, null, error, false), error.message());
        };
    }

    /** Records a step's end: state, scope, listener, event. */
    private Outcome record(WorkflowStep step, Outcome o, String error) {
        StepResult r;
        int order;
        synchronized (this) {
            StepState s = states.get(step.name());
            s.status = o.status();
            s.durationMillis = s.startMillis < 0 ? 0 : elapsedSince(s.startMillis).toMillis();
            s.output = o.output();
            s.error = error;
            s.call = null;
            r = result(s);
            order = s.order;
        }
        scope.put(step.name(), o.output() == null ? NullValue.NULL_VALUE : o.output());
        listener.stepFinished(r);
        publish(events.stepFinished(wf, workflowId, correlationId, r, order, step.type().wireName(), step.node()));
        return o;
    }

    private static StepResult result(StepState s) {
        return new StepResult(s.step.name(), s.status, Duration.ofMillis(s.durationMillis), CelData.plain(s.output), s.error);
    }

    /** The scope with every step bound, null for those that produced nothing: failure handlers and outputs read any step. */
    private Map<String, Object> completeScope() {
        Map<String, Object> vars = new HashMap<>(scope);
        for (String name : states.keySet()) {
            vars.putIfAbsent(name, NullValue.NULL_VALUE);
        }
        return vars;
    }

    private void finish() {
        if (!finishing.compareAndSet(false, true)) {
            return;
        }
        if (timeoutTimer != null) {
            timeoutTimer.cancel(false);
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        if (status == WorkflowResult.Status.COMPLETED) {
            Map<String, Object> vars = completeScope();
            try {
                for (Map.Entry<String, ValueTemplate> e : wf.outputs().entrySet()) {
                    outputs.put(e.getKey(), e.getValue().render(vars));
                }
            } catch (ExpressionException e) {
                outputs.clear();
                status = WorkflowResult.Status.FAILED;
                failure = new WorkflowError(null, "outputs: " + MissingKeys.explain(e.getMessage(), vars),
                        "ExpressionError");
            }
        }
        CompletableFuture<Void> handled = status == WorkflowResult.Status.FAILED ? runHandlers()
                : CompletableFuture.completedFuture(null);
        handled.whenComplete((x, e) -> complete(outputs));
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
        for (WorkflowStep h : topological(wf.onStepFailure())) {
            chain = chain.thenCompose(x -> {
                boolean blocked = h.dependsOn().stream().anyMatch(d -> states.get(d).status != StepStatus.COMPLETED);
                if (blocked) {
                    listener.stepStarted(h.name());
                    record(h, new Outcome(StepStatus.SKIPPED, null, null, false), "a dependency did not complete");
                    return CompletableFuture.completedFuture(null);
                }
                return runStep(h, true).thenAccept(o -> { });
            });
        }
        return chain;
    }

    private static List<WorkflowStep> topological(List<WorkflowStep> steps) {
        List<WorkflowStep> out = new ArrayList<>();
        List<WorkflowStep> left = new ArrayList<>(steps);
        while (!left.isEmpty()) {
            for (int i = 0; i < left.size(); i++) {
                WorkflowStep s = left.get(i);
                if (s.dependsOn().stream().allMatch(d -> out.stream().anyMatch(o -> o.name().equals(d)))) {
                    out.add(left.remove(i));
                    break;
                }
            }
        }
        return out;
    }

    private void complete(Map<String, Object> outputs) {
        List<StepResult> steps;
        synchronized (this) {
            steps = states.values().stream().map(WorkflowExecution::result).toList();
        }
        WorkflowResult r = new WorkflowResult(workflowId, correlationId, wf.name(), status,
                status == WorkflowResult.Status.COMPLETED ? outputs : Map.of(), steps, failure,
                elapsedSince(startMillis));
        publish(events.finished(wf, r));
        WorkflowStateMachine.Transition end = switch (r.status()) {
            case COMPLETED -> fsm.transition(WorkflowState.COMPLETED, "complete");
            case FAILED -> fsm.transition(WorkflowState.FAILED, "fail");
            case CANCELLED -> fsm.transition(WorkflowState.CANCELLED, "cancel");
        };
        publish(events.transition(wf, workflowId, correlationId, end));
        if (r.status() == WorkflowResult.Status.COMPLETED) {
            LOG.debug("workflow {} completed: workflow_id={} correlation_id={} duration_ms={}", wf.name(), workflowId,
                    correlationId, r.duration().toMillis());
        } else {
            LOG.warn("workflow {} {}: workflow_id={} correlation_id={} failed_step={} duration_ms={}", wf.name(),
                    r.status().wireName(), workflowId, correlationId, failure.step(), r.duration().toMillis());
        }
        CompletableFuture<?>[] all;
        synchronized (published) {
            all = published.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new);
        }
        CompletableFuture.allOf(all).handle((x, e) -> result.complete(r));
    }

    private void publish(CompletionStage<?> stage) {
        synchronized (published) {
            published.add(stage);
        }
    }
}
