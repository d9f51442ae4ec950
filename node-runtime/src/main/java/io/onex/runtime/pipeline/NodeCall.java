package io.onex.runtime.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.onex.api.AttemptedEvent;
import io.onex.api.DownstreamUnavailableException;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeExecutionException;
import io.onex.runtime.deadletter.DeadLetter;
import io.onex.runtime.deadletter.SecretRedactor;
import io.onex.runtime.kafka.RecordOrigin;
import io.onex.runtime.logging.LogThrottle;
import io.onex.runtime.pipeline.internal.CallContext;
import io.onex.runtime.pipeline.internal.AttemptsState;
import io.onex.runtime.pipeline.internal.CallHooks;
import io.onex.runtime.pipeline.internal.CorrelatingPublisher;
import io.onex.runtime.pipeline.internal.NodeBreaker;
import io.onex.runtime.resilience.RetryPolicy;
import io.onex.runtime.resilience.RootCause;
import io.onex.runtime.tracing.RuntimeTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call through a {@link NodeInvoker}'s pipeline: attempts, overall deadline, and the final verdict, which alone
 * decides (with the retry policy in force for this call) whether the call failed for good and what is dead-lettered.
 */
final class NodeCall implements CallHooks {

    private static final Logger LOG = LoggerFactory.getLogger(NodeInvoker.class);
    /** A failure that hits every record (a database down) logs one line per node and error per 5 s, not per call. */
    private static final LogThrottle FAILURE_LOGS = LogThrottle.every(Duration.ofSeconds(5));

    private final NodeInvoker invoker;
    private final Object input;
    private final CallOptions options;
    private final Retry retry;
    private final RetryPolicy retryPolicy;
    private final TimeLimiter timeLimiter;
    private final String correlationId;
    private final String causationId;
    private final Instant started;
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final CompletableFuture<Object> result = new CompletableFuture<>();
    private volatile boolean deadlinePassed;
    private volatile ScheduledFuture<?> deadlineTimer;
    private final Retry.AsyncContext<Object> retryContext;
    private Object converted;
    private boolean isConverted;
    /** What the node keeps across this call's attempts ({@code NodeContext.callState}). */
    private final AttemptsState nodeState = new AttemptsState();
    /** What the node said its latest attempt tried, to dead-letter in the input's place; null until it says. */
    private volatile CallDeadLetters.Registered attempted;
    /** The call's span, child of the context the call was made in; current during every attempt and the DLQ write. */
    private final Span span;
    private final Context trace;

    NodeCall(NodeInvoker invoker, Object input, CallOptions options, Retry retry, RetryPolicy retryPolicy,
            TimeLimiter timeLimiter) {
        this.invoker = invoker;
        this.input = input;
        this.options = options;
        this.retry = retry;
        this.retryPolicy = retryPolicy;
        this.timeLimiter = timeLimiter;
        this.correlationId = options.correlationId() != null ? options.correlationId() : UUID.randomUUID().toString();
        this.causationId = options.causationId() != null ? options.causationId()
                : options.trigger() == null ? null : options.trigger().eventId();
        this.started = invoker.clock.instant();
        this.retryContext = retry.asyncContext();
        this.span = RuntimeTracing.startNodeCall(invoker.contract.name(), invoker.nodeId, correlationId);
        this.trace = Context.current().with(span);
    }

    CompletionStage<Object> start() {
        invoker.callStarted();
        Duration budget = options.deadline();
        if (budget != null) {
            deadlineTimer = invoker.scheduler.schedule(() -> {
                deadlinePassed = true;
                finish(null, deadlineExceeded());
            }, budget.toMillis(), TimeUnit.MILLISECONDS);
        }
        attempt();
        return result;
    }

    /**
     * One attempt: retry (outermost, through resilience4j's retry context) → breaker → per-attempt timeout → node.
     * The order and every decision are those of resilience4j's {@code decorateCompletionStage} of Retry and
     * CircuitBreaker; driving them here costs one completion callback per attempt instead of three stages and three
     * callbacks, on the thread that completes the attempt (for a publish, the Kafka producer's I/O thread).
     */
    private void attempt() {
        try (Scope ignored = trace.makeCurrent()) {
            if (deadlinePassed) {
                // a backoff wait that ends after the deadline must not reach the node
                attemptFailed(deadlineExceeded());
                return;
            }
            if (attempts.incrementAndGet() > 1) {
                invoker.metrics.retried();
            }
            NodeBreaker breaker = invoker.breaker;
            if (!breaker.tryAcquirePermission()) {
                attemptFailed(breaker.rejection());
                return;
            }
            long breakerStart = breaker.attemptStarted();
            CompletionStage<Object> stage;
            try {
                // the contract's timeout goes through the invoker's shared timeouts (cheap per attempt); a per-call
                // override, rare, through a TimeLimiter of its own
                stage = timeLimiter == null ? invoker.attemptTimeouts.watch(callNode())
                        : TimeLimiter.decorateCompletionStage(timeLimiter, invoker.scheduler, this::callNode).get();
            } catch (Exception e) {
                breaker.onError(breakerStart, e);
                attemptFailed(e);
                return;
            }
            stage.whenComplete((value, error) -> attemptEnded(breakerStart, value, error));
        } catch (RuntimeException e) {
            finish(null, e);
        }
    }

    private void attemptEnded(long breakerStart, Object value, Throwable error) {
        if (error != null) {
            invoker.breaker.onError(breakerStart, error);
            attemptFailed(error);
            return;
        }
        invoker.breaker.onSuccess(breakerStart, value);
        long delay = retryContext.onResult(value);
        if (delay >= 1) {
            invoker.scheduler.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
            return;
        }
        try {
            retryContext.onComplete();
        } catch (RuntimeException e) {
            finish(null, e);
            return;
        }
        finish(value, null);
    }

    private void attemptFailed(Throwable error) {
        if (!(error instanceof Exception)) {
            finish(null, error);
            return;
        }
        long delay = retryContext.onError(error);
        if (delay < 1) {
            finish(null, error);
        } else {
            invoker.scheduler.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
        }
    }

    private CompletionStage<Object> callNode() {
        Object in;
        try {
            in = convertedInput();
        } catch (InvalidInputException e) {
            return CompletableFuture.failedFuture(e);
        }
        CallContext context = new CallContext(invoker.nodeId, invoker.contract, correlationId, causationId,
                options.trigger(), attempts.get(),
                new CorrelatingPublisher(invoker.publisher, correlationId, causationId, trace), invoker.clock, this,
                options.origin() == null ? null : options.origin().topic()); // the consumed record's topic
        return invoker.dispatch.call(in, context);
    }

    @Override
    public void deadLetterOnFinalFailure(List<AttemptedEvent> events, Consumer<AttemptedEvent> onDeadLettered) {
        attempted = new CallDeadLetters.Registered(events, onDeadLettered);
    }

    @Override
    public boolean isRetryable(Throwable failure) {
        return retryPolicy.isRetryable(failure);
    }

    @Override
    public <T> T callState(Supplier<T> initial) {
        return nodeState.get(initial);
    }

    private synchronized Object convertedInput() {
        if (!isConverted) {
            converted = invoker.dispatch.convert(input);
            isConverted = true;
        }
        return converted;
    }

    private DeadlineExceededException deadlineExceeded() {
        return new DeadlineExceededException(invoker.contract.name(), options.deadline(), attempts.get());
    }

    private void finish(Object value, Throwable error) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> timer = deadlineTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        if (error == null) {
            span.end();
            invoker.metrics.callFinished(true, elapsed());
            invoker.callEnded();
            result.complete(value);
            return;
        }
        Throwable cause = RootCause.of(error);
        int made = Math.max(1, attempts.get());
        boolean rejectedByBreaker = cause instanceof CallNotPermittedException;
        // a downstream outage is not the record's fault: it stays not done and comes again instead
        boolean downstreamUnavailable = RootCause.hasInChain(cause, DownstreamUnavailableException.class);
        boolean deadLetter = invoker.contract.deadLetterEnabled() && !downstreamUnavailable
                && (!rejectedByBreaker || invoker.contract.resilience().circuitBreaker().deadLetterWhenOpen());
        NodeExecutionException failure = new NodeExecutionException(invoker.contract.name(), made, false, safeReason(cause), cause);
        List<CallDeadLetters.Letter> letters = deadLetter ? letters(failure, made) : List.of();
        if (letters.isEmpty()) {
            fail(failure, cause, false);
            return;
        }
        CompletionStage<?> routed;
        try (Scope ignored = trace.makeCurrent()) { // the dead letters carry the call's trace context
            routed = CallDeadLetters.routeAll(invoker.deadLetterRouter, letters);
        }
        routed.whenComplete((written, dlqError) -> {
            if (dlqError == null) {
                invoker.metrics.deadLettered();
                fail(new NodeExecutionException(invoker.contract.name(), made, true, safeReason(cause), cause), cause, true);
            } else {
                Throwable dlqFailure = RootCause.of(dlqError);
                if (dlqFailure != failure && !Arrays.asList(dlqFailure.getSuppressed()).contains(failure)) {
                    dlqFailure.addSuppressed(failure);
                }
                fail(dlqFailure, cause, false);
            }
        });
    }

    /** The events the node said it tried, else the call's input when it has a topic to go to; else none. */
    private List<CallDeadLetters.Letter> letters(Throwable failure, int made) {
        CallDeadLetters.Registered registered = attempted;
        if (registered != null && !registered.events().isEmpty()) {
            return CallDeadLetters.of(registered, failure, made, invoker.nodeId);
        }
        RecordOrigin consumed = options.origin();
        Optional<String> topic = options.deadLetterTopic() != null ? Optional.of(options.deadLetterTopic())
                : consumed != null ? Optional.of(consumed.topic()) : invoker.defaultDeadLetterOrigin;
        if (topic.isEmpty()) {
            return List.of();
        }
        RecordOrigin origin = consumed == null ? RecordOrigin.unconsumed(topic.get(), null, null, null)
                : consumed.withTopic(topic.get());
        if (options.trigger() == null && origin.value() == null) {
            origin = origin.withValue(inputAsJson());
        }
        DeadLetter letter = DeadLetter.builder(origin, failure)
                .originalEnvelope(options.trigger())
                .retryCount(made)
                .nodeId(invoker.nodeId)
                .correlationId(correlationId)
                .build();
        return List.of(new CallDeadLetters.Letter(letter, () -> { }));
    }

    /** A direct call has no record: its input, as JSON, is what a replay needs. */
    private byte[] inputAsJson() {
        try {
            return invoker.mapper.writeValueAsBytes(input);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    private void fail(Throwable outcome, Throwable cause, boolean deadLettered) {
        RuntimeTracing.endFailed(span, safeReason(cause));
        invoker.metrics.callFinished(false, elapsed());
        invoker.callEnded();
        long leftOut = FAILURE_LOGS.admit(invoker.nodeId + '|' + cause.getClass().getName() + '|' + deadLettered);
        if (leftOut >= 0) {
            LOG.warn("node {} ({}) call failed after {} attempt(s): correlation_id={} error={}: {} dead_lettered={}{}",
                    invoker.contract.name(), invoker.nodeId, Math.max(1, attempts.get()), correlationId,
                    cause.getClass().getName(), SecretRedactor.redactAndTruncate(cause.getMessage(), 300), deadLettered,
                    LogThrottle.suffix(leftOut));
        }
        result.completeExceptionally(outcome);
    }

    private Duration elapsed() {
        return Duration.between(started, invoker.clock.instant());
    }

    /** The failure as a caller may log it: class and redacted, truncated message. */
    static String safeReason(Throwable cause) {
        Throwable root = cause;
        while ((root instanceof java.util.concurrent.CompletionException
                || root instanceof java.util.concurrent.ExecutionException) && root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": "
                + io.onex.runtime.deadletter.SecretRedactor.redactAndTruncate(String.valueOf(root.getMessage()), 500);
    }
}
