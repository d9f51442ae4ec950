package io.onex.runtime.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.onex.api.EventPublisher;
import io.onex.api.OnexNode;
import io.onex.api.batch.BatchEffectNode;
import io.onex.api.contract.NodeContract;
import io.onex.runtime.deadletter.DeadLetterRouter;
import io.onex.runtime.kafka.FlowGate;
import io.onex.runtime.pipeline.internal.AttemptTimeouts;
import io.onex.runtime.pipeline.internal.NodeBreaker;
import io.onex.runtime.pipeline.internal.NodeDispatch;
import io.onex.runtime.pipeline.internal.NodeMetrics;
import io.onex.runtime.resilience.BreakerState;
import io.onex.runtime.resilience.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.OptionalInt;

/**
 * Runs every call of one node through the pipeline built from its contract: retry with exponential backoff
 * (outermost) → circuit breaker (sees every attempt) → per-attempt timeout → the node; optionally within an overall
 * deadline; a call that fails for good is routed to the dead-letter topic when the contract enables it: the events
 * its node said the last attempt tried ({@link io.onex.api.NodeContext#deadLetterOnFinalFailure}), else its input.
 * Which attempt is the last is decided here alone, with the retry policy in force for the call (a per-call
 * {@link CallOptions#retryOverride()} included).
 *
 * <p>Time comes only from the injected {@link Clock} and {@link ScheduledExecutorService}: backoff waits and
 * timeouts are scheduled there, and the breaker's open wait is measured on the clock. Thread-safe; one per node.
 *
 * <pre>{@code
 * NodeInvoker invoker = NodeInvoker.builder().contract(contract).node(node).nodeId("effect-1")
 *         .publisher(publisher).deadLetterRouter(router).topicResolver(topics::resolve).mapper(mapper)
 *         .clock(clock).scheduler(scheduler).meterRegistry(registry).build();
 * invoker.invoke(Map.of("name", "x"), CallOptions.none());
 * }</pre>
 */
public final class NodeInvoker {

    final NodeContract contract;
    final OnexNode<?, ?> node;
    final String nodeId;
    final EventPublisher publisher;
    final DeadLetterRouter deadLetterRouter;
    final ObjectMapper mapper;
    final Clock clock;
    final ScheduledExecutorService scheduler;
    final NodeDispatch dispatch;
    final NodeBreaker breaker;
    final NodeMetrics metrics;
    final Optional<String> defaultDeadLetterOrigin;
    private final RetryPolicy retryPolicy;
    private final Retry retry;
    final AttemptTimeouts attemptTimeouts;
    // both are written by the calling thread when a call starts and by the completing thread (for a publish, the
    // producer's I/O thread) when it ends: an adder's cells and a write at most once a millisecond keep the two
    // threads from contending for one cache line on every call
    private final LongAdder activeCalls = new LongAdder();
    private volatile Instant lastActivity;
    private volatile long lastActivityMillis;

    private NodeInvoker(Builder b) {
        this.contract = b.contract;
        this.node = b.node;
        this.nodeId = b.nodeId;
        this.publisher = b.publisher;
        this.deadLetterRouter = b.deadLetterRouter;
        this.mapper = b.mapper;
        this.clock = b.clock;
        this.scheduler = b.scheduler;
        this.dispatch = new NodeDispatch(b.node, contract.name(), b.mapper);
        this.breaker = NodeBreaker.of(contract.name(), nodeId, contract.resilience().circuitBreaker(), clock);
        this.retryPolicy = RetryPolicy.of(contract.resilience().retry());
        this.retry = retryPolicy.newRetry(contract.name());
        this.attemptTimeouts = new AttemptTimeouts(contract.name(), contract.resilience().timeout(), clock, scheduler);
        this.metrics = new NodeMetrics(b.meterRegistry, contract.name(), breaker::stateCode, this::activeCalls);
        this.defaultDeadLetterOrigin = contract.topics().publish().stream().findFirst()
                .or(() -> contract.topics().subscribe().stream().findFirst())
                .map(b.topicResolver);
        this.lastActivity = clock.instant();
        this.lastActivityMillis = lastActivity.toEpochMilli();
    }

    /** Starts a builder; every setting is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Calls the node through the pipeline.
     *
     * @param input a value of the node's input type, or anything Jackson converts to it
     * @param options per-call settings ({@link CallOptions#none()} for a plain direct call)
     * @return completes with the node's result; exceptionally with a {@link io.onex.api.NodeExecutionException}
     *     (saying whether the call was dead-lettered) or, when the dead-letter write failed, a
     *     {@link io.onex.runtime.deadletter.DeadLetterException}
     */
    public CompletionStage<Object> invoke(Object input, CallOptions options) {
        CallOptions opts = options == null ? CallOptions.none() : options;
        RetryPolicy callPolicy = opts.retryOverride() == null ? retryPolicy : RetryPolicy.of(opts.retryOverride());
        Retry callRetry = opts.retryOverride() == null ? retry : callPolicy.newRetry(contract.name());
        TimeLimiter callTimeLimiter = opts.timeoutOverride() == null ? null : timeLimiter(contract.name(), opts.timeoutOverride());
        return new NodeCall(this, input, opts, callRetry, callPolicy, callTimeLimiter).start();
    }

    /**
     * Runs a batch of consumed records through the pipeline of a {@link BatchEffectNode}: one pass per batch (retry,
     * breaker, timeout), each record ending on its own.
     *
     * @param items the records, with their decoded envelopes and node inputs (not yet converted)
     * @throws IllegalStateException when the node is no batch node
     */
    void invokeBatch(List<NodeBatchCall.Item> items) {
        if (!(node instanceof BatchEffectNode<?, ?>)) {
            throw new IllegalStateException("node " + contract.name() + " (" + node.getClass().getName()
                    + ") is no BatchEffectNode");
        }
        new NodeBatchCall(this, items, retry, retryPolicy).start();
    }

    /** Whether the node takes consumed records in batches ({@link BatchEffectNode}). */
    public boolean takesBatches() {
        return node instanceof BatchEffectNode<?, ?>;
    }

    /**
     * Open while the node can take work: closed while its breaker is open and the open wait has not elapsed; limited
     * to the breaker's trial calls while it is half-open.
     */
    public FlowGate flowGate() {
        return new FlowGate() {
            @Override
            public boolean acceptsWork() {
                return breaker.acceptsWork();
            }

            @Override
            public OptionalInt trialCalls() {
                return breaker.trialCalls();
            }
        };
    }

    /** The breaker state ({@link BreakerState#DISABLED} when the contract turns the breaker off). */
    public BreakerState breakerState() {
        return breaker.state();
    }

    /** Registers a listener called with the new state on every breaker transition. */
    public void onBreakerStateChange(Consumer<BreakerState> listener) {
        breaker.onStateChange(listener);
    }

    /** Calls in progress (including their retries and dead-letter writes). */
    public int activeCalls() {
        return activeCalls.intValue();
    }

    /** When a call last started or finished, to the millisecond (the invoker's creation time before any call). */
    public Instant lastActivity() {
        return lastActivity;
    }

    /** The node's contract. */
    public NodeContract contract() {
        return contract;
    }

    /** The node instance id. */
    public String nodeId() {
        return nodeId;
    }

    /** The class the node's input is converted to. */
    public Class<?> inputType() {
        return node.inputType();
    }

    void callStarted() {
        activeCalls.increment();
        touch();
    }

    void callEnded() {
        activeCalls.decrement();
        touch();
    }

    private void touch() {
        long now = clock.millis();
        if (now != lastActivityMillis) {
            lastActivityMillis = now;
            lastActivity = clock.instant();
        }
    }

    private static TimeLimiter timeLimiter(String name, Duration timeout) {
        return TimeLimiter.of(name, TimeLimiterConfig.custom().timeoutDuration(timeout).cancelRunningFuture(true).build());
    }

    /** Builds a {@link NodeInvoker}; reports every missing setting at once. */
    public static final class Builder {
        private NodeContract contract;
        private OnexNode<?, ?> node;
        private String nodeId;
        private EventPublisher publisher;
        private DeadLetterRouter deadLetterRouter;
        private Function<String, String> topicResolver;
        private ObjectMapper mapper;
        private Clock clock;
        private ScheduledExecutorService scheduler;
        private MeterRegistry meterRegistry;

        private Builder() {
        }

        /** The node's contract: resilience policy, DLQ switch, topics, config. */
        public Builder contract(NodeContract contract) {
            this.contract = contract;
            return this;
        }

        /** The node. */
        public Builder node(OnexNode<?, ?> node) {
            this.node = node;
            return this;
        }

        /** The node instance id. */
        public Builder nodeId(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        /** The node's publisher; the node sees it wrapped so events carry the call's ids. */
        public Builder publisher(EventPublisher publisher) {
            this.publisher = publisher;
            return this;
        }

        /** Where final failures go. */
        public Builder deadLetterRouter(DeadLetterRouter router) {
            this.deadLetterRouter = router;
            return this;
        }

        /** Resolves a contract topic (ONEX reference or full name) to a full topic name. */
        public Builder topicResolver(Function<String, String> topicResolver) {
            this.topicResolver = topicResolver;
            return this;
        }

        /** Converts inputs to the node's input type. */
        public Builder mapper(ObjectMapper mapper) {
            this.mapper = mapper;
            return this;
        }

        /** The clock of the breaker's open wait, latencies and the node context. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Where backoff waits, timeouts and deadlines are scheduled. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** Where the node's meters are registered. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        /**
         * Builds the invoker.
         *
         * @return the invoker
         * @throws IllegalStateException naming every missing setting
         * @throws IllegalArgumentException when the node implements none of the four node kinds
         */
        public NodeInvoker build() {
            List<String> missing = new ArrayList<>();
            if (contract == null) missing.add("contract");
            if (node == null) missing.add("node");
            if (nodeId == null) missing.add("nodeId");
            if (publisher == null) missing.add("publisher");
            if (deadLetterRouter == null) missing.add("deadLetterRouter");
            if (topicResolver == null) missing.add("topicResolver");
            if (mapper == null) missing.add("mapper");
            if (clock == null) missing.add("clock");
            if (scheduler == null) missing.add("scheduler");
            if (meterRegistry == null) missing.add("meterRegistry");
            if (!missing.isEmpty()) {
                throw new IllegalStateException("NodeInvoker" + (contract == null ? "" : " of " + contract.name())
                        + " is missing " + String.join(", ", missing));
            }
            return new NodeInvoker(this);
        }
    }
}
