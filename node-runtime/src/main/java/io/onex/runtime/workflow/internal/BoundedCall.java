package io.onex.runtime.workflow.internal;

import io.onex.runtime.workflow.StepCall;
import io.onex.runtime.workflow.StepInvoker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One node call of a step, started directly or on the step executor, and bounded by the step's timeout. Cancelling
 * the returned future, or the timeout firing, cancels the node's own future too, so a pipeline stops retrying.
 */
final class BoundedCall extends CompletableFuture<Object> {

    /** The node's own future, once the call has started. */
    private final AtomicReference<CompletableFuture<Object>> inner = new AtomicReference<>();

    /** Set when the timeout fired: the node's cancellation that follows must be reported as the timeout. */
    private volatile TimeoutException timedOut;

    private BoundedCall() {
    }

    /** Cancels the node's call first, so that whoever sees this future cancelled also sees the call cancelled. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        stopInner();
        return super.cancel(mayInterruptIfRunning);
    }

    private void stopInner() {
        CompletableFuture<Object> f = inner.get();
        if (f != null) {
            f.cancel(true);
        }
    }

    private void timeOut(TimeoutException t) {
        if (!isDone()) {
            // stop the node first, so that whoever sees the timeout also sees the call cancelled
            timedOut = t;
            stopInner();
            completeExceptionally(t);
        }
    }

    /**
     * Starts the call.
     *
     * @param invoker calls the node
     * @param executor where to start the call, or null to start it on this thread
     * @param scheduler where the timeout is scheduled
     * @param node the node
     * @param input the rendered input
     * @param call the call's settings
     * @param timeout the step's timeout, or null
     * @return completes with the node's result, exceptionally with its failure or a {@link TimeoutException};
     *     cancelling it cancels the node's call
     */
    static CompletableFuture<Object> start(StepInvoker invoker, Executor executor, ScheduledExecutorService scheduler,
            String node, Object input, StepCall call, Duration timeout) {
        BoundedCall bounded = new BoundedCall();
        Runnable start = () -> {
            if (bounded.isDone()) {
                return;
            }
            CompletableFuture<Object> f = invoke(invoker, node, input, call);
            bounded.inner.set(f);
            if (bounded.isDone()) {
                f.cancel(true);
            }
            f.whenComplete((v, e) -> {
                if (bounded.timedOut != null) {
                    bounded.completeExceptionally(bounded.timedOut);
                } else if (e == null) {
                    bounded.complete(v);
                } else {
                    bounded.completeExceptionally(e);
                }
            });
        };
        if (timeout != null) {
            ScheduledFuture<?> timer = scheduler.schedule(() -> bounded.timeOut(new TimeoutException(
                    "step '" + call.step() + "' timed out after " + ValueTextFormat.duration(timeout))),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            bounded.whenComplete((v, e) -> timer.cancel(false));
        }
        if (executor == null) {
            start.run();
        } else {
            try {
                executor.execute(start);
            } catch (RuntimeException e) {
                bounded.completeExceptionally(e);
            }
        }
        return bounded;
    }

    private static CompletableFuture<Object> invoke(StepInvoker invoker, String node, Object input, StepCall call) {
        try {
            return invoker.invoke(node, input, call).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
