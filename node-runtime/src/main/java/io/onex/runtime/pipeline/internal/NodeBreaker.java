package io.onex.runtime.pipeline.internal;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.onex.api.NonRetryableException;
import io.onex.api.contract.CircuitBreakerSpec;
import io.onex.runtime.resilience.BreakerState;
import io.onex.runtime.resilience.RootCause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's circuit breaker (resilience4j, count-based window) on the injected clock, or a pass-through when the
 * contract disables it. Knows when its open wait ends, so a consumer can pause while it is open and resume when a
 * trial call would be let through.
 */
public final class NodeBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(NodeBreaker.class);

    private final CircuitBreaker breaker;
    private final Duration waitInOpen;
    private final Clock clock;
    private final String nodeName;
    private final String nodeId;
    private final List<Consumer<BreakerState>> listeners = new CopyOnWriteArrayList<>();
    /** The state last reported to the log and the listeners; a transition is reported by whoever moves this. */
    private final AtomicReference<CircuitBreaker.State> reported = new AtomicReference<>(CircuitBreaker.State.CLOSED);
    private volatile Instant openedAt = Instant.MIN;

    private NodeBreaker(CircuitBreaker breaker, Duration waitInOpen, Clock clock, String nodeName, String nodeId) {
        this.breaker = breaker;
        this.waitInOpen = waitInOpen;
        this.clock = clock;
        this.nodeName = nodeName;
        this.nodeId = nodeId;
    }

    /**
     * Builds the breaker of a node.
     *
     * @param nodeName the contract name (the breaker's name)
     * @param nodeId the node instance id, for the state-change log line
     * @param spec the contract's breaker policy
     * @param clock the clock the open wait is measured on
     * @return the breaker, a pass-through when {@code spec.enabled()} is false
     */
    public static NodeBreaker of(String nodeName, String nodeId, CircuitBreakerSpec spec, Clock clock) {
        if (!spec.enabled()) {
            return new NodeBreaker(null, Duration.ZERO, clock, nodeName, nodeId);
        }
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindow(spec.slidingWindowSize(), spec.minimumCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(spec.failureRateThreshold())
                .waitDurationInOpenState(spec.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(spec.callsInHalfOpen())
                // bad input says nothing about the downstream's health
                .ignoreException(t -> RootCause.hasInChain(RootCause.of(t), NonRetryableException.class))
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .clock(clock)
                .currentTimestampFunction(Clock::millis, TimeUnit.MILLISECONDS)
                .build();
        return new NodeBreaker(CircuitBreaker.of(nodeName, config), spec.waitInOpen(), clock, nodeName, nodeId);
    }

    /**
     * Asks to let one attempt through, as resilience4j's {@code decorateCompletionStage} does before calling: false
     * while open (and the rejection is published as resilience4j's call-not-permitted event); may half-open an open
     * breaker whose wait has passed. Always true when disabled. An attempt let through must be reported exactly
     * once, to {@link #onSuccess} or {@link #onError}.
     *
     * <p>The caller drives the attempt itself rather than through {@code decorateCompletionStage}: that wrapper adds a
     * stage of its own and a completion callback per attempt, which run on whatever thread completes the attempt
     * (for a publish, the Kafka producer's I/O thread).
     */
    public boolean tryAcquirePermission() {
        if (breaker == null) {
            return true;
        }
        boolean permitted = breaker.tryAcquirePermission();
        reportTransition();
        return permitted;
    }

    /** Why an attempt was not let through (for {@link #tryAcquirePermission()} false). */
    public CallNotPermittedException rejection() {
        return CallNotPermittedException.createCallNotPermittedException(breaker);
    }

    /** The breaker's timestamp (its clock's millis) at which an attempt started; 0 when disabled. */
    public long attemptStarted() {
        return breaker == null ? 0 : breaker.getCurrentTimestamp();
    }

    /** Records a successful attempt that started at {@code started} ({@link #attemptStarted()}). */
    public void onSuccess(long started, Object result) {
        if (breaker != null) {
            breaker.onResult(breaker.getCurrentTimestamp() - started, breaker.getTimestampUnit(), result);
            reportTransition();
        }
    }

    /**
     * Records a failed attempt that started at {@code started}. As resilience4j's decorators: an {@link Error} is
     * not recorded; the config's ignore predicate decides about the rest.
     */
    public void onError(long started, Throwable failure) {
        if (breaker != null && failure instanceof Exception) {
            breaker.onError(breaker.getCurrentTimestamp() - started, breaker.getTimestampUnit(), failure);
            reportTransition();
        }
    }

    /**
     * False while open and its wait (on the injected clock) has not passed; true otherwise. Like the breaker
     * itself, it opens strictly after the wait, so a resumed consumer's first record gets the trial permit.
     */
    public boolean acceptsWork() {
        if (breaker == null) {
            return true;
        }
        CircuitBreaker.State s = breaker.getState();
        if (s == CircuitBreaker.State.FORCED_OPEN) {
            return false;
        }
        return s != CircuitBreaker.State.OPEN || clock.instant().isAfter(openedAt.plus(waitInOpen));
    }

    /**
     * How many trial calls the breaker lets through while half-open, or while open with its wait passed (the next
     * call half-opens it); empty otherwise (closed, disabled, or open and waiting).
     */
    public OptionalInt trialCalls() {
        if (breaker == null) {
            return OptionalInt.empty();
        }
        CircuitBreaker.State s = breaker.getState();
        boolean trialling = s == CircuitBreaker.State.HALF_OPEN
                || (s == CircuitBreaker.State.OPEN && clock.instant().isAfter(openedAt.plus(waitInOpen)));
        return trialling ? OptionalInt.of(breaker.getCircuitBreakerConfig().getPermittedNumberOfCallsInHalfOpenState())
                : OptionalInt.empty();
    }

    /** The state; {@link BreakerState#DISABLED} when the contract turns the breaker off. */
    public BreakerState state() {
        return breaker == null ? BreakerState.DISABLED : stateOf(breaker.getState());
    }

    /** The state as a gauge value: 0 closed, 1 open, 2 half-open, -1 disabled. */
    public int stateCode() {
        return state().code();
    }

    /** Registers a listener called with the new state on every transition. */
    public void onStateChange(Consumer<BreakerState> listener) {
        listeners.add(listener);
    }

    /**
     * Logs and tells the listeners of a state change the last call made. Checked after each call rather than
     * through the breaker's event publisher: with any consumer registered there, resilience4j builds an event (and
     * reads the zoned wall clock) for every successful attempt, on the thread that completes it. Every transition of
     * this breaker happens inside {@link #tryAcquirePermission}, {@link #onSuccess} or {@link #onError} (the open
     * wait ends on a permission request, never on a timer), so each is seen by the call that made it.
     */
    private void reportTransition() {
        CircuitBreaker.State now = breaker.getState();
        CircuitBreaker.State before = reported.get();
        if (now == before || !reported.compareAndSet(before, now)) {
            return;
        }
        BreakerState from = stateOf(before);
        BreakerState to = stateOf(now);
        if (now == CircuitBreaker.State.OPEN) {
            openedAt = clock.instant();
        }
        LOG.info("node {} ({}) circuit breaker {} -> {}", nodeName, nodeId, from, to);
        for (Consumer<BreakerState> l : listeners) {
            try {
                l.accept(to);
            } catch (RuntimeException ex) {
                LOG.warn("node {} ({}) breaker state listener failed: {}", nodeName, nodeId, ex.toString());
            }
        }
    }

    private static BreakerState stateOf(CircuitBreaker.State s) {
        return switch (s) {
            case CLOSED, METRICS_ONLY -> BreakerState.CLOSED;
            case OPEN, FORCED_OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            case DISABLED -> BreakerState.DISABLED;
        };
    }
}
