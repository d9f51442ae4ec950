package io.onex.runtime.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onex.api.EventPublisher;
import io.onex.runtime.workflow.internal.CelData;
import io.onex.runtime.workflow.internal.WorkflowEvents;
import io.onex.runtime.workflow.internal.WorkflowExecution;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs validated workflows: steps start as soon as their dependencies have finished, independent steps concurrently,
 * each node call through a {@link StepInvoker}; conditions, {@code on_error}, parallel groups, failure handlers,
 * per-step and per-workflow timeouts and cancellation as documented on {@link WorkflowStep} and
 * {@link WorkflowDefinition}. Publishes the workflow events of WIRE.md (see {@link WorkflowEventFields}).
 *
 * <pre>{@code
 * WorkflowEngine engine = WorkflowEngine.builder().invoker(invoker).publisher(publisher).scheduler(scheduler).build();
 * WorkflowResult result = engine.start(workflow, Map.of("document_id", "doc-1")).result().toCompletableFuture().join();
 * }</pre>
 *
 * <p>Thread-safe; one engine runs any number of workflows at once.
 */
public final class WorkflowEngine {

    private final StepInvoker invoker;
    private final WorkflowEvents events;
    private final WorkflowEventTopics eventTopics;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService scheduler;
    private final Executor stepExecutor;
    private final Clock clock;

    private WorkflowEngine(Builder b) {
        this.invoker = b.invoker;
        this.mapper = b.mapper;
        this.eventTopics = b.eventTopics;
        this.events = new WorkflowEvents(b.publisher, b.eventTopics);
        this.scheduler = b.scheduler;
        this.stepExecutor = b.stepExecutor;
        this.clock = b.clock;
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a run with a fresh correlation id and no listener. */
    public WorkflowRun start(WorkflowDefinition workflow, Map<String, ?> input) {
        return start(workflow, input, null, WorkflowListener.NONE);
    }

    /**
     * Starts a run.
     *
     * @param workflow the workflow
     * @param input the inputs by name; checked against the declared inputs before anything starts
     * @param correlationId the run's correlation id, or null for a fresh UUID
     * @param listener follows the run
     * @return the run
     * @throws IllegalArgumentException listing every input problem (missing, unknown, mistyped), before anything runs
     */
    public WorkflowRun start(WorkflowDefinition workflow, Map<String, ?> input, String correlationId,
            WorkflowListener listener) {
        Map<String, Object> checked = checkInputs(workflow, input == null ? Map.of() : input);
        WorkflowExecution execution = new WorkflowExecution(workflow, CelData.of(checked, mapper), UUID.randomUUID().toString(),
                correlationId == null ? UUID.randomUUID().toString() : correlationId,
                listener == null ? WorkflowListener.NONE : listener, invoker, stepExecutor, events, mapper, scheduler,
                clock);
        execution.start();
        return execution;
    }

    /**
     * Where the events of a workflow's runs go: the engine's {@link Builder#eventTopics topics}, with those the
     * workflow file names under {@code event_topics} in their place.
     *
     * @throws IllegalStateException when the engine publishes no events (it was given no publisher)
     */
    public WorkflowEventTopics eventTopicsOf(WorkflowDefinition workflow) {
        if (eventTopics == null) {
            throw new IllegalStateException("this workflow engine publishes no events");
        }
        return eventTopics.with(workflow.eventTopics());
    }

    /**
     * Checks a run's inputs against the workflow's declarations, as {@link #start} does; lets a caller fail before
     * it sets anything up.
     *
     * @return the inputs with defaults applied
     * @throws IllegalArgumentException listing every problem
     */
    public static Map<String, Object> checkInputs(WorkflowDefinition workflow, Map<String, ?> input) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> declared = workflow.inputs().stream().map(WorkflowInput::name).toList();
        for (String key : input.keySet()) {
            if (!declared.contains(key)) {
                problems.add("unknown input '" + key + "', expected one of "
                        + (declared.isEmpty() ? "(none declared)" : String.join(", ", declared)));
            }
        }
        for (WorkflowInput in : workflow.inputs()) {
            Object v = input.get(in.name());
            if (v == null) {
                if (in.required()) {
                    problems.add("input '" + in.name() + "' is required (" + in.type() + ")");
                } else {
                    out.put(in.name(), in.defaultValue());
                }
                continue;
            }
            if (!in.accepts(v)) {
                problems.add("input '" + in.name() + "' must be of type " + in.type() + ", but was "
                        + v.getClass().getSimpleName() + " '" + v + "'");
            }
            out.put(in.name(), v);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() + (problems.size() == 1 ? " input problem" : " input problems")
                    + " for workflow " + workflow.name() + ": " + String.join("; ", problems));
        }
        return out;
    }

    /** Builds a {@link WorkflowEngine}. */
    public static final class Builder {
        private StepInvoker invoker;
        private EventPublisher publisher;
        private WorkflowEventTopics eventTopics;
        private ObjectMapper mapper = new ObjectMapper();
        private ScheduledExecutorService scheduler;
        private Executor stepExecutor;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Times runs and steps ({@code duration_ms}, what is left of a run's timeout for its next step); the runtime
         * passes its injected clock, so a test on a manual clock reads the durations it made pass.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where node calls are started. Without one, a call starts on the thread that finished the step's last
         * dependency: cheapest for non-blocking nodes (effects that return a pending stage, quick computations), but
         * independent steps whose nodes block then run one after the other. The runtime sets a thread pool.
         */
        public Builder stepExecutor(Executor stepExecutor) {
            this.stepExecutor = stepExecutor;
            return this;
        }

        /** Calls nodes for steps (required). */
        public Builder invoker(StepInvoker invoker) {
            this.invoker = invoker;
            return this;
        }

        /** What publishes workflow events; without one, none are published. */
        public Builder publisher(EventPublisher publisher) {
            this.publisher = publisher;
            return this;
        }

        /**
         * The topics of the workflow events (required with a {@link #publisher}); a workflow file's
         * {@code event_topics} replace them for its runs. The runtime sets the bridge's.
         */
        public Builder eventTopics(WorkflowEventTopics eventTopics) {
            this.eventTopics = eventTopics;
            return this;
        }

        /** Turns node results into data expressions can read (default: a plain ObjectMapper). */
        public Builder mapper(ObjectMapper mapper) {
            this.mapper = mapper;
            return this;
        }

        /** Where step and workflow timeouts are scheduled (required). */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** Builds the engine; throws naming every missing setting. */
        public WorkflowEngine build() {
            List<String> missing = new ArrayList<>();
            if (invoker == null) missing.add("invoker");
            if (scheduler == null) missing.add("scheduler");
            if (mapper == null) missing.add("mapper");
            if (publisher != null && eventTopics == null) missing.add("eventTopics (where the publisher's events go)");
            if (!missing.isEmpty()) {
                throw new IllegalStateException("WorkflowEngine is missing " + String.join(", ", missing));
            }
            Objects.requireNonNull(invoker);
            return new WorkflowEngine(this);
        }
    }
}
