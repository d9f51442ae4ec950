package io.onex.runtime.pipeline;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.retry.Retry;
import io.onex.api.AttemptedEvent;
import io.onex.api.DownstreamUnavailableException;
import io.onex.api.EventEnvelope;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeExecutionException;
import io.onex.api.batch.BatchEffectNode;
import io.onex.api.batch.BatchItem;
import io.onex.api.batch.BatchOutcome;
import io.onex.runtime.deadletter.DeadLetter;
import io.onex.runtime.deadletter.SecretRedactor;
import io.onex.runtime.kafka.RecordOrigin;
import io.onex.runtime.kafka.RecordOutcome;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of consumed records through a {@link BatchEffectNode}'s pipeline: retry (outermost) → breaker → per
 * attempt timeout → {@link BatchEffectNode#executeBatch}, as {@link NodeCall} does for one call, with the batch as
 * the unit: a failed stage is one breaker failure and one retry of the whole batch. Each item ends on its own: done
 * when the node says so, dead-lettered alone (its record, its correlation id, its trace context) when it fails for
 * good, or not done (delivered again) when the failure is not the record's (breaker open, downstream unavailable).
 * An item that failed with a failure the retry policy retries goes to the next attempt with the others that did.
 */
final class NodeBatchCall implements CallHooks {

    private static final Logger LOG = LoggerFactory.getLogger(NodeInvoker.class);
    private static final LogThrottle FAILURE_LOGS = LogThrottle.every(Duration.ofSeconds(5));
    /** What the node keeps across this batch's attempts ({@code NodeContext.callState}). */
    private final AttemptsState batchState = new AttemptsState();

    /** One consumed record of the batch, and where its outcome goes. */
    record Item(Object input, EventEnvelope envelope, RecordOrigin origin, Context trace,
            CompletableFuture<RecordOutcome> outcome) {
    }

    private final NodeInvoker invoker;
    private final BatchEffectNode<Object, ?> node;
    private final RetryPolicy retryPolicy;
    private final Retry.AsyncContext<Object> retryContext;
    private final List<Item> items;
    private final String batchId = UUID.randomUUID().toString();
    private final Instant started;
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger open;
    private final AtomicInteger failed = new AtomicInteger();
    private final Span span;
    private final Context trace;
    /** The items of the next attempt; written before an attempt is scheduled, read by it. */
    private volatile List<Item> pending;

    @SuppressWarnings("unchecked")
    NodeBatchCall(NodeInvoker invoker, List<Item> items, Retry retry, RetryPolicy retryPolicy) {
        this.invoker = invoker;
        this.node = (BatchEffectNode<Object, ?>) invoker.node;
        this.retryPolicy = retryPolicy;
        this.retryContext = retry.asyncContext();
        this.items = items;
        this.open = new AtomicInteger(items.size());
        this.started = invoker.clock.instant();
        this.span = RuntimeTracing.startBatchCall(invoker.contract.name(), invoker.nodeId, batchId,
                items.stream().map(Item::trace).toList());
        this.trace = Context.current().with(span);
    }

    /** Runs the batch; each item's outcome completes when that item is done or known not to be. */
    void start() {
        invoker.callStarted();
        invoker.metrics.batchHandedIn(items.size());
        List<Item> convertible = new ArrayList<>(items.size());
        for (Item item : items) {
            try {
                convertible.add(new Item(invoker.dispatch.convert(item.input()), item.envelope(), item.origin(),
                        item.trace(), item.outcome()));
            } catch (InvalidInputException bad) {
                failedForGood(item, bad);
            }
        }
        if (!convertible.isEmpty()) {
            pending = convertible;
            attempt();
        }
    }

    private void attempt() {
        List<Item> batch = pending;
        try (Scope ignored = trace.makeCurrent()) {
            if (attempts.incrementAndGet() > 1) {
                invoker.metrics.retried();
            }
            NodeBreaker breaker = invoker.breaker;
            if (!breaker.tryAcquirePermission()) {
                batchFailed(batch, breaker.rejection());
                return;
            }
            long breakerStart = breaker.attemptStarted();
            CompletionStage<BatchOutcome> stage;
            try {
                stage = invoker.attemptTimeouts.watch(callNode(batch));
            } catch (RuntimeException e) {
                breaker.onError(breakerStart, e);
                batchFailed(batch, e);
                return;
            }
            stage.whenComplete((outcome, error) -> attemptEnded(batch, breakerStart, outcome, error));
        } catch (RuntimeException e) {
            batch.forEach(item -> failedForGood(item, e));
        }
    }

    private CompletionStage<BatchOutcome> callNode(List<Item> batch) {
        List<BatchItem<Object>> inputs = new ArrayList<>(batch.size());
        for (Item item : batch) {
            inputs.add(new BatchItem<>(item.input(), item.origin().topic(), item.envelope().correlationId()));
        }
        CallContext context = new CallContext(invoker.nodeId, invoker.contract, batchId, null, null, attempts.get(),
                new CorrelatingPublisher(invoker.publisher, batchId, null, trace), invoker.clock, this, null);
        CompletionStage<BatchOutcome> stage;
        try {
            stage = node.executeBatch(List.copyOf(inputs), context);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (stage == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("node " + invoker.contract.name()
                    + " returned a null stage from executeBatch: expected a CompletionStage"));
        }
        return stage.thenApply(outcome -> {
            if (outcome == null || outcome.size() != batch.size()) {
                throw new IllegalStateException("node " + invoker.contract.name() + " returned "
                        + (outcome == null ? "no outcome" : outcome.size() + " outcomes") + " for a batch of "
                        + batch.size() + ": expected one per item");
            }
            return outcome;
        });
    }

    private void attemptEnded(List<Item> batch, long breakerStart, BatchOutcome outcome, Throwable error) {
        if (error != null) {
            invoker.breaker.onError(breakerStart, error);
            batchFailed(batch, error);
            return;
        }
        // the store took the batch: an item it refused is the item's fault, not the downstream's
        invoker.breaker.onSuccess(breakerStart, outcome);
        List<Item> again = new ArrayList<>();
        Throwable retryable = null;
        for (int i = 0; i < batch.size(); i++) {
            Throwable failure = outcome.failure(i);
            if (failure == null) {
                done(batch.get(i));
            } else if (retryPolicy.isRetryable(failure)) {
                again.add(batch.get(i));
                retryable = failure;
            } else {
                failedForGood(batch.get(i), failure);
            }
        }
        if (again.isEmpty()) {
            return;
        }
        Throwable root = RootCause.of(retryable);
        retryLater(again, retryable, retryContext.onError(root instanceof Exception e ? e
                : new IllegalStateException(root)));
    }

    private void batchFailed(List<Item> batch, Throwable error) {
        if (!(error instanceof Exception e)) {
            batch.forEach(item -> failedForGood(item, error));
            return;
        }
        retryLater(batch, error, retryContext.onError(e));
    }

    private void retryLater(List<Item> batch, Throwable error, long delay) {
        if (delay < 1) {
            batch.forEach(item -> failedForGood(item, error));
            return;
        }
        pending = batch;
        invoker.scheduler.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
    }

    private void done(Item item) {
        invoker.metrics.callFinished(true, elapsed());
        item.outcome().complete(RecordOutcome.PROCESSED);
        itemEnded();
    }

    /** The item's final failure: dead-lettered alone when the contract says so, else not done (delivered again). */
    private void failedForGood(Item item, Throwable error) {
        Throwable cause = RootCause.of(error);
        int made = Math.max(1, attempts.get());
        boolean rejectedByBreaker = cause instanceof CallNotPermittedException;
        boolean downstreamUnavailable = RootCause.hasInChain(cause, DownstreamUnavailableException.class);
        boolean deadLetter = invoker.contract.deadLetterEnabled() && !downstreamUnavailable
                && (!rejectedByBreaker || invoker.contract.resilience().circuitBreaker().deadLetterWhenOpen());
        String reason = NodeCall.safeReason(cause);
        failed.incrementAndGet();
        if (!deadLetter) {
            ended(item, cause, false, new NodeExecutionException(invoker.contract.name(), made, false, reason, cause));
            return;
        }
        DeadLetter letter = DeadLetter.builder(item.origin(),
                        new NodeExecutionException(invoker.contract.name(), made, false, reason, cause))
                .originalEnvelope(item.envelope())
                .retryCount(made)
                .nodeId(invoker.nodeId)
                .correlationId(item.envelope().correlationId())
                .build();
        CompletionStage<?> routed;
        try (Scope ignored = item.trace().makeCurrent()) { // the letter joins its record's trace
            routed = invoker.deadLetterRouter.route(letter);
        } catch (RuntimeException e) {
            routed = CompletableFuture.failedFuture(e);
        }
        routed.whenComplete((written, dlqError) -> {
            if (dlqError == null) {
                invoker.metrics.deadLettered();
                ended(item, cause, true, null);
            } else {
                ended(item, cause, false, RootCause.of(dlqError));
            }
        });
    }

    private void ended(Item item, Throwable cause, boolean deadLettered, Throwable notDone) {
        invoker.metrics.callFinished(false, elapsed());
        long leftOut = FAILURE_LOGS.admit(invoker.nodeId + '|' + cause.getClass().getName() + '|' + deadLettered);
        if (leftOut >= 0) {
            LOG.warn("node {} ({}) batch item failed after {} attempt(s): correlation_id={} batch={} error={}: {}"
                            + " dead_lettered={}{}", invoker.contract.name(), invoker.nodeId,
                    Math.max(1, attempts.get()), item.envelope().correlationId(), batchId, cause.getClass().getName(),
                    SecretRedactor.redactAndTruncate(cause.getMessage(), 300), deadLettered,
                    LogThrottle.suffix(leftOut));
        }
        if (deadLettered) {
            item.outcome().complete(RecordOutcome.DEAD_LETTERED);
        } else {
            item.outcome().completeExceptionally(notDone);
        }
        itemEnded();
    }

    private void itemEnded() {
        if (open.decrementAndGet() != 0) {
            return;
        }
        int failures = failed.get();
        span.setAttribute("onex.batch.failed", (long) failures);
        if (failures == 0) {
            span.end();
        } else {
            RuntimeTracing.endFailed(span, failures + " of " + items.size() + " item(s) failed");
        }
        invoker.callEnded();
    }

    private Duration elapsed() {
        return Duration.between(started, invoker.clock.instant());
    }

    @Override
    public void deadLetterOnFinalFailure(List<AttemptedEvent> events, Consumer<AttemptedEvent> onDeadLettered) {
        // a batch dead-letters its items' records, each alone; events a batch node tried are not its to replace them
    }

    @Override
    public boolean isRetryable(Throwable failure) {
        return retryPolicy.isRetryable(failure);
    }

    @Override
    public <T> T callState(Supplier<T> initial) {
        return batchState.get(initial);
    }
}
